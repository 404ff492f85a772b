// Loaded into `n8n execute` by the end-to-end driver (node --require). n8n 2.41.1's CLI ends a command with
// process.exit() from BaseCommand.finally() without disposing its "vm" expression engine, which exitSuccessFully()
// does. By then the isolate pool is warming a replacement isolate (IsolatePool.replenish() after the run's
// acquire()), so isolated-vm's thread is still compiling inside V8 while the process tears down: on a loaded machine
// that ends in SIGSEGV after the run was stored. gdb: the crashing thread is in
// ivm::EvalRunner::Phase2 → v8::ScriptCompiler::Compile, the main thread in node::DefaultProcessExitHandlerInternal.
// This does, before exiting, what n8n's other exit path does: await Expression.disposeExpressionEngine().
'use strict';
const path = require('node:path');

const n8nDir = process.env.E2E_N8N_PACKAGE_DIR;
const exit = process.exit.bind(process);
let exiting = false;
process.exit = function exitAfterDispose(code) {
	if (exiting) return exit(code);
	exiting = true;
	let Expression;
	try {
		({ Expression } = require(require.resolve('n8n-workflow', { paths: [n8nDir ?? path.dirname(require.main?.filename ?? '.')] })));
	} catch {
		return exit(code);
	}
	// Bounded: an engine that does not finish disposing must not keep the command from ending.
	const timer = setTimeout(() => exit(code), 10_000);
	Promise.resolve(Expression.disposeExpressionEngine?.())
		.catch(() => undefined)
		.finally(() => {
			clearTimeout(timer);
			exit(code);
		});
	return undefined;
};
