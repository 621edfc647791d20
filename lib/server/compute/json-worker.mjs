// Entry of a JSON worker thread (json-encoder.ts). Plain ESM loading
// TypeScript with tsx, like worker.mjs. The bytes are transferred to the
// request loop, not copied.
import { move } from "piscina";
import { register } from "tsx/esm/api";

register();
const { encodeJson } = await import(new URL("./json-encoding.ts", import.meta.url).href);

const encode = (task) => move(encodeJson(task));

export default encode;
