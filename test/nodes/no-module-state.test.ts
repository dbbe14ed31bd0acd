/**
 * The nodes keep no state of their own outside n8n: in queue mode many n8n processes run them, and
 * anything a module keeps (a cache, a counter, a client) would differ from one process to the next.
 * This reads every source file of nodes/ and credentials/ with TypeScript's parser and refuses what
 * can hold state between runs at module level: a `let` or `var`, a new Map, Set or other container
 * built at load (unless typed ReadonlySet or ReadonlyMap, which the compiler keeps unchanged), and a
 * class field that is static but not readonly. The queue-mode e2e shows the
 * consequence (the same results on one process and on two workers); this finds the cause early.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const CONTAINERS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'Object', 'WeakRef', 'AbortController', 'EventEmitter']);

function sources(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sources(path);
		return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
	});
}

/** What in one file's text could keep state at module level, as "line: what". */
export function moduleState(fileName: string, text: string): string[] {
	const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2021, true);
	const found: string[] = [];
	const at = (node: ts.Node, what: string) => found.push(`${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${what}`);
	const builtAtLoad = (node: ts.Node): void => {
		// a function body runs later, per call: what it builds is not module state
		if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
		if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && CONTAINERS.has(node.expression.text)) at(node, `new ${node.expression.text} at module level`);
		ts.forEachChild(node, builtAtLoad);
	};
	for (const statement of file.statements) {
		if (ts.isVariableStatement(statement)) {
			const flags = statement.declarationList.flags;
			if (!(flags & ts.NodeFlags.Const)) at(statement, `module-level ${flags & ts.NodeFlags.Let ? 'let' : 'var'} ${statement.declarationList.declarations.map((d) => d.name.getText()).join(', ')}`);
			// a lookup table typed ReadonlySet / ReadonlyMap is one the compiler keeps anyone from changing
			for (const declaration of statement.declarationList.declarations) {
				if (!/^Readonly(Set|Map)</.test(declaration.type?.getText() ?? '')) builtAtLoad(declaration);
			}
		} else if (ts.isClassDeclaration(statement)) {
			for (const member of statement.members) {
				const modifiers = ts.canHaveModifiers(member) ? ts.getModifiers(member) ?? [] : [];
				const isStatic = modifiers.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
				const isReadonly = modifiers.some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword);
				if (ts.isPropertyDeclaration(member) && isStatic && !isReadonly) at(member, `static field ${member.name.getText()} of ${statement.name?.text ?? 'a class'}`);
			}
		} else if (ts.isExpressionStatement(statement)) {
			builtAtLoad(statement);
		}
	}
	return found;
}

describe('no state at module level in the nodes and the credential', () => {
	const files = [...sources(join(ROOT, 'nodes')), ...sources(join(ROOT, 'credentials'))];

	test('there are sources to read', () => {
		expect(files.length).toBeGreaterThan(100);
	});

	test('no file keeps a let, var, container or static field at module level', () => {
		const found = files.flatMap((path) => moduleState(path, readFileSync(path, 'utf8')).map((line) => `${relative(ROOT, path)}:${line}`));
		expect(found).toEqual([]);
	});

	test('the check finds each kind of module state (so it cannot pass by finding nothing)', () => {
		const text = [
			'let calls = 0;',
			'var cache;',
			'const seen = new Map<string, number>();',
			'const clients = { byKey: new Set() };',
			'export class Client { static shared = 1; static readonly fine = 2; }',
			'const ok = Object.freeze({ a: 1 });',
			'const alsoOk = [1, 2, 3];',
			"const lookup: ReadonlySet<string> = new Set(['a']);",
			'export function perCall() { const local = new Map(); let n = 0; return [local, n]; }',
		].join('\n');
		expect(moduleState('sample.ts', text)).toEqual([
			'1: module-level let calls',
			'2: module-level var cache',
			'3: new Map at module level',
			'4: new Set at module level',
			'5: static field shared of Client',
		]);
	});
});
