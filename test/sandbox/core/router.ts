import { RouteDef } from './resource';

interface CompiledRoute {
	def: RouteDef;
	regex: RegExp;
	names: string[];
}

/** Method + path-pattern router (`/api/v1/customer/:id`). Trailing slashes are ignored. */
export class Router {
	private readonly routes: CompiledRoute[] = [];

	add(def: RouteDef): void {
		const names: string[] = [];
		const pattern = def.path
			.replace(/\/+$/, '')
			.split('/')
			.map((seg) => {
				if (seg.startsWith(':')) {
					names.push(seg.slice(1));
					return '([^/]+)';
				}
				return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			})
			.join('/');
		this.routes.push({ def: { ...def, method: def.method.toUpperCase() }, regex: new RegExp(`^${pattern}$`), names });
	}

	/** Find the route for a request; a static segment beats a `:param` one when both match. */
	match(method: string, path: string): { def: RouteDef; params: Record<string, string> } | undefined {
		const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
		let best: { route: CompiledRoute; m: RegExpExecArray } | undefined;
		for (const r of this.routes) {
			if (r.def.method !== method.toUpperCase()) continue;
			const m = r.regex.exec(clean);
			if (!m) continue;
			if (!best || r.names.length < best.route.names.length) best = { route: r, m };
		}
		if (!best) return undefined;
		const params: Record<string, string> = {};
		const { route, m } = best;
		route.names.forEach((n, i) => {
			params[n] = safeDecode(m[i + 1]);
		});
		return { def: route.def, params };
	}
}

function safeDecode(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}
