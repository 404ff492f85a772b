const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// Icons must sit next to the compiled .js files, because nodes and credentials refer to them as `file:<name>.svg`.
// `encoding: false` keeps the bytes as they are (gulp 5 would otherwise re-encode binary files).
function copyIcons(folder) {
	const copy = () =>
		src(path.resolve(folder, '**', '*.{png,svg}'), { encoding: false }).pipe(dest(path.resolve('dist', folder)));
	copy.displayName = `copy ${folder} icons`;
	return copy;
}

task('build:icons', parallel(copyIcons('nodes'), copyIcons('credentials')));
