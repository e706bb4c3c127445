// Types of loader.js, the package's entry point. The functions are those of the wasm
// package (pkg/tts_keycheck.d.ts, written by wasm-bindgen); the synchronous ones throw an
// Error with the code "not_loaded" until load() has resolved.
import type * as wasm from "./pkg/tts_keycheck.js";

export type { Widget } from "./pkg/tts_keycheck.js";

/** Imports and initialises the package once; resolves with its module namespace. */
export declare function load(): Promise<typeof wasm>;

/** Checks and, where possible, repairs one pasted key. */
export declare const check: typeof wasm.check;

/** Finds every key in a text and hides its secret. */
export declare const redactText: typeof wasm.redactText;

/** The codes of the errors the functions throw, with their messages. */
export declare const errorCodes: typeof wasm.errorCodes;

/** Builds a form or a support panel inside an element. */
export declare const mount: typeof wasm.mount;

/** Asks The Things Stack about a key (loads the package first if needed). */
export declare const liveCheck: typeof wasm.liveCheck;

/** Mounts every `[data-tts-keycheck]` element under `root` not mounted yet. */
export declare function mountAll(root?: Document | Element): Promise<wasm.Widget[]>;
