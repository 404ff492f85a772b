/** One HTTP answer before it is written: a JSON body, or raw bytes (faults), plus headers. */
export interface Answer {
	status: number;
	body?: unknown;
	raw?: string | Buffer;
	contentType?: string;
	headers?: Record<string, string>;
}
