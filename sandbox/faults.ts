import type { FaultSpec } from './types';

/** mulberry32: a small seeded PRNG, so "30 % of requests" is the same 30 % in every run. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface Installed {
	spec: FaultSpec;
	left: number;
	/** matching requests still to let through before the fault starts */
	skip: number;
	random: () => number;
}

/**
 * Installed faults, checked in installation order; the first that matches a request (method, path substring,
 * remaining count, probability) hits it. Each fault has its own PRNG seeded by its position since the last clear,
 * so the k-th matching request of a fault gets the same decision in every run.
 */
export class Faults {
	private faults: Installed[] = [];

	private installed = 0;

	add(specs: FaultSpec[]): void {
		for (const spec of specs) {
			validateFault(spec);
			this.faults.push({ spec: { ...spec, kind: String(spec.kind) as FaultSpec['kind'] }, left: spec.count ?? Number.POSITIVE_INFINITY, skip: spec.skip ?? 0, random: prng(0x5eed + 7919 * this.installed++) });
		}
	}

	clear(): void {
		this.faults = [];
		this.installed = 0;
	}

	pick(method: string, target: string): FaultSpec | undefined {
		for (const fault of this.faults) {
			const { spec } = fault;
			if (fault.left <= 0) continue;
			if (spec.method && spec.method.toUpperCase() !== method.toUpperCase()) continue;
			if (spec.pathIncludes && !target.includes(spec.pathIncludes)) continue;
			if (fault.skip > 0) {
				fault.skip--;
				continue;
			}
			if (spec.probability !== undefined && fault.random() >= spec.probability) continue;
			fault.left--;
			return spec;
		}
		return undefined;
	}
}

const KINDS = new Set(['429', '500', '502', '503', '504', 'drop', 'slow', 'malformed', 'html', 'empty', 'oversized']);

export function validateFault(spec: FaultSpec): void {
	if (!spec || typeof spec !== 'object' || !KINDS.has(String(spec.kind))) throw new Error(`unknown fault kind: ${JSON.stringify(spec?.kind)}`);
	if (spec.probability !== undefined && !(spec.probability >= 0 && spec.probability <= 1)) throw new Error('probability must be within 0..1');
	if (spec.after !== undefined && spec.after !== 'before' && spec.after !== 'after') throw new Error("after must be 'before' or 'after'");
	if (spec.skip !== undefined && !(Number.isInteger(spec.skip) && spec.skip >= 0)) throw new Error('skip must be a whole number ≥ 0');
}
