const path = require('path');
const { src, dest, task, parallel } = require('gulp');

// Icons are referenced from the compiled node and credential files as `file:../../icons/<name>.svg`,
// so they must sit in dist/icons.
function copyIcons() {
	return src(path.join('icons', '*.{png,svg}'), { encoding: false }).pipe(dest(path.join('dist', 'icons')));
}

// n8n reads a node's codex (categories, documentation links) from <Name>.node.json beside the
// compiled <Name>.node.js; tsc does not copy it.
function copyCodex() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'));
}

task('build:icons', parallel(copyIcons, copyCodex));
