const path = require('path');
const { src, dest, task } = require('gulp');

// Icons are referenced from the compiled node and credential files as
// `file:../../icons/<name>.svg`, so they must sit in dist/icons.
function copyIcons() {
	return src(path.join('icons', '*.{png,svg}'), { encoding: false }).pipe(dest(path.join('dist', 'icons')));
}

task('build:icons', copyIcons);
