/**
 * Items in creation order with O(log n) "the k-th live item", so a SCIM page at any startIndex costs
 * O(page · log n) even with 50,000 users and deletions in between (an array would need an O(n) splice or rebuild).
 *
 * Slots are append-only; a Fenwick tree counts live slots. Deleted slots are compacted away once they outnumber
 * the live ones, which keeps memory bounded and costs O(1) amortised per deletion.
 */
export class OrderedIndex<T> {
	private slots: Array<T | undefined> = [];

	private readonly slotOf = new Map<string, number>();

	private tree = new Int32Array(1);

	private live = 0;

	get size(): number {
		return this.live;
	}

	has(id: string): boolean {
		return this.slotOf.has(id);
	}

	append(id: string, item: T): void {
		if (this.slotOf.has(id)) throw new Error(`OrderedIndex: ${id} is already present`);
		if (this.slots.length + 1 >= this.tree.length) this.rebuild(Math.max(1024, this.tree.length * 2));
		const slot = this.slots.length;
		this.slots.push(item);
		this.slotOf.set(id, slot);
		this.add(slot, 1);
		this.live++;
	}

	/** Points an existing id at a new object, keeping its position. */
	replace(id: string, item: T): void {
		const slot = this.slotOf.get(id);
		if (slot !== undefined) this.slots[slot] = item;
	}

	remove(id: string): boolean {
		const slot = this.slotOf.get(id);
		if (slot === undefined) return false;
		this.slotOf.delete(id);
		this.slots[slot] = undefined;
		this.add(slot, -1);
		this.live--;
		const dead = this.slots.length - this.live;
		if (dead > 1024 && dead > this.live) this.compact();
		return true;
	}

	/** Up to `count` live items starting at the 1-based position `start`. */
	page(start: number, count: number): T[] {
		const out: T[] = [];
		for (let k = start; k < start + count && k <= this.live; k++) out.push(this.slots[this.kth(k)]!);
		return out;
	}

	values(): T[] {
		return this.slots.filter((item): item is T => item !== undefined);
	}

	clear(): void {
		this.slots = [];
		this.slotOf.clear();
		this.tree = new Int32Array(1);
		this.live = 0;
	}

	/** The slot of the k-th (1-based) live item: a Fenwick descent. */
	private kth(k: number): number {
		let pos = 0;
		let step = 1;
		while (step * 2 < this.tree.length) step *= 2;
		for (; step > 0; step >>= 1) {
			const next = pos + step;
			if (next < this.tree.length && this.tree[next] < k) {
				pos = next;
				k -= this.tree[next];
			}
		}
		return pos; // 1-based tree index pos + 1 is slot pos
	}

	private add(slot: number, delta: number): void {
		for (let i = slot + 1; i < this.tree.length; i += i & -i) this.tree[i] += delta;
	}

	/** Linear-time Fenwick build over the current slots with room for `capacity` slots. */
	private rebuild(capacity: number): void {
		const tree = new Int32Array(capacity + 1);
		// Every index up to capacity must pass its sum on, also past the last slot, or high nodes miss counts.
		for (let i = 1; i <= capacity; i++) {
			if (i <= this.slots.length && this.slots[i - 1] !== undefined) tree[i] += 1;
			const parent = i + (i & -i);
			if (parent <= capacity) tree[parent] += tree[i];
		}
		this.tree = tree;
	}

	private compact(): void {
		const ids = [...this.slotOf.entries()].sort((a, b) => a[1] - b[1]);
		const slots: T[] = [];
		this.slotOf.clear();
		for (const [id, slot] of ids) {
			this.slotOf.set(id, slots.length);
			slots.push(this.slots[slot]!);
		}
		this.slots = slots;
		this.rebuild(Math.max(1024, slots.length * 2));
	}
}
