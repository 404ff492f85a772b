import { OrderedIndex } from '../../sandbox/orderedIndex';

/** A tiny seeded PRNG so the random walk is the same every run. */
function random(seed: number) {
	let a = seed;
	return () => {
		a = (a * 1664525 + 1013904223) >>> 0;
		return a / 2 ** 32;
	};
}

test('pages match a plain array through appends, removals, re-adds and compactions', () => {
	const index = new OrderedIndex<string>();
	const model: string[] = [];
	const next = random(7);
	let counter = 0;
	for (let step = 0; step < 20_000; step++) {
		const r = next();
		if (r < 0.55 || model.length === 0) {
			const id = `id-${counter++}`;
			index.append(id, id);
			model.push(id);
		} else if (r < 0.97) {
			const at = Math.floor(next() * model.length);
			expect(index.remove(model[at])).toBe(true);
			model.splice(at, 1);
		} else {
			const start = 1 + Math.floor(next() * (model.length + 5));
			const count = Math.floor(next() * 120);
			expect(index.page(start, count)).toEqual(model.slice(start - 1, start - 1 + count));
		}
		expect(index.size).toBe(model.length);
	}
	expect(index.values()).toEqual(model);
	expect(index.page(1, model.length)).toEqual(model);
});

test('a mass deletion compacts, and order and lookups survive it', () => {
	const index = new OrderedIndex<number>();
	for (let n = 0; n < 10_000; n++) index.append(`k${n}`, n);
	for (let n = 0; n < 9_000; n++) index.remove(`k${n}`);
	expect(index.size).toBe(1000);
	expect(index.page(1, 3)).toEqual([9000, 9001, 9002]);
	expect(index.page(1000, 5)).toEqual([9999]);
	expect(index.has('k9500')).toBe(true);
	expect(index.remove('k0')).toBe(false);
	index.replace('k9000', -1);
	expect(index.page(1, 1)).toEqual([-1]);
	expect(() => index.append('k9001', 1)).toThrow();
	index.clear();
	expect(index.page(1, 10)).toEqual([]);
});
