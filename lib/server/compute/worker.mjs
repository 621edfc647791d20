// Entry of a compute worker thread (piscina, lib/server/compute/pool.ts). Plain
// ESM on purpose: the server's code is bundled by Next, and a worker thread
// needs a file Node can load by path. tsx compiles the TypeScript of
// tasks.ts and lib/scoring on the fly, as it does for the CLI.
import { register } from "tsx/esm/api";

register();
const { runTask } = await import(new URL("./tasks.ts", import.meta.url).href);

export default runTask;
