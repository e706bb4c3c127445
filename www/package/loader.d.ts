// Types of loader.js, the package's entry point. The functions are those of the wasm
// package (pkg/tts_keycheck.d.ts, written by wasm-bindgen); the synchronous ones throw an
// Error with the code "not_loaded" until load() has resolved.
import type * as wasm from "./pkg/tts_keycheck.js";

export type { Widget } from "./pkg/tts_keycheck.js";

/** The builds of the module: the form's, and the support panel's (whole texts and files). */
export type Build = "form" | "support";

/** This module's functions, as `load()` resolves with them. */
export interface Loader {
  check: typeof check;
  redactText: typeof redactText;
  errorCodes: typeof errorCodes;
  mount: typeof mount;
  liveCheck: typeof liveCheck;
  redactFile: typeof redactFile;
  mountAll: typeof mountAll;
}

/**
 * Imports and initialises the builds asked for once (both by default); resolves with
 * this module's functions. `redactText` needs "support"; `mount` the build of its mode.
 */
export declare function load(builds?: Build | Build[]): Promise<Loader>;

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

/** A key found in a file by `redactFile`. */
export interface FileFinding {
  kind: string;
  keyId: string | null;
  /** UTF-16 offsets into the file's text (decoded as UTF-8, or as UTF-16 after a UTF-16 byte-order mark). */
  start: number;
  end: number;
  /** Byte offsets into the file. */
  byteStart: number;
  byteEnd: number;
  valid: boolean;
  repairable: boolean;
  redacted: string;
}

/**
 * Redacts a whole file in a Web Worker, a few MB at a time; resolves with the redacted
 * file (same MIME type) and every key found. An aborted `signal` rejects with an Error
 * whose `code` is "aborted".
 */
export declare function redactFile(
  blob: Blob,
  options?: {
    onProgress?: (doneBytes: number, totalBytes: number) => void;
    signal?: AbortSignal;
    chunkBytes?: number;
  },
): Promise<{ blob: Blob; findings: FileFinding[] }>;
