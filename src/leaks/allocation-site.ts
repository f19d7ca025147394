import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The folder of ffi-arena's package.json, found by walking up from this file. */
function packageRoot(from: string): string | undefined {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'ffi-arena'
    ) {
      return dir;
    }
  }
  return undefined;
}

/**
 * Frames from files under these folders are ffi-arena's own and are left out of sites: the
 * compiled code, and its sources, which is where frames point when source maps are applied
 * (vitest, `node --enable-source-maps`).
 */
const LIBRARY_FOLDERS = (() => {
  const compiled = dirname(dirname(fileURLToPath(import.meta.url)));
  const root = packageRoot(compiled);
  const folders = root === undefined ? [compiled] : [compiled, join(root, 'src')];
  return folders.flatMap((folder) => [folder + sep, `${pathToFileURL(folder).href}/`]);
})();

const libraryFiles = new Map<string, boolean>();

/**
 * Whether `file` is ffi-arena's own or the runtime's (Node's `node:` modules, Bun's `native`
 * built-ins such as `Array.from`); memoized, as a report asks for every frame.
 */
function isLibraryFile(file: string): boolean {
  let library = libraryFiles.get(file);
  if (library === undefined) {
    library =
      LIBRARY_FOLDERS.some((folder) => file.startsWith(folder)) ||
      file.startsWith('node:') ||
      file === 'native';
    libraryFiles.set(file, library);
  }
  return library;
}

/** What a site needs of a V8 call site: a stack frame parsed from text has the same. */
type Site = Pick<NodeJS.CallSite, 'getFileName' | 'getLineNumber' | 'getColumnNumber'>;

/**
 * The file a frame is in. Code made with `new Function` (ffi-arena's compiled calls) has no file
 * name, only the `//# sourceURL` it declares, which V8 gives through `getScriptNameOrSourceURL`.
 */
function fileOf(site: Site & { getScriptNameOrSourceURL?(): string | null }): string {
  return site.getFileName() ?? site.getScriptNameOrSourceURL?.() ?? '';
}

/** The first `SHOWN_FRAMES` call sites that are not ffi-arena's or Node's. */
function callerSitesOf<S extends Site>(sites: readonly S[]): S[] {
  const callers: S[] = [];
  for (const site of sites) {
    if (!isLibraryFile(fileOf(site))) callers.push(site);
    if (callers.length === SHOWN_FRAMES) break;
  }
  return callers;
}

/**
 * Frames captured: ffi-arena's own (3 for a direct allocation, 4 through `toNativeUtf8`) plus
 * the caller's. Each frame costs at capture and again at report time (measured: a report of
 * 100,000 allocations takes 0.59–0.74 s with 8 frames, 0.62–0.82 s with 12).
 */
const CAPTURED_FRAMES = 8;
/** Caller frames formatted and shown per site. */
const SHOWN_FRAMES = 5;

type PrepareStackTrace = (error: Error, sites: NodeJS.CallSite[]) => unknown;

let rawSessions = 0;
let hookBeforeSession: PrepareStackTrace | undefined;

/**
 * Runs `fn` while reading `.stack` of a capture gives the caller's raw call sites, without
 * ffi-arena's frames. V8 hands the call sites to `Error.prepareStackTrace` when `.stack` is
 * first read and keeps what it returns; returning the filtered sites themselves leaves the
 * formatting for later, for the few frames a report shows. The hook is installed once per
 * report: swapping it for every allocation costs more than the formatting it saves.
 */
export function withRawCallSites<T>(fn: () => T): T {
  if (rawSessions++ === 0) {
    hookBeforeSession = Error.prepareStackTrace as PrepareStackTrace | undefined;
    Error.prepareStackTrace = (_error, sites) => callerSitesOf(sites);
  }
  try {
    return fn();
  } finally {
    if (--rawSessions === 0) {
      (Error as { prepareStackTrace?: PrepareStackTrace }).prepareStackTrace = hookBeforeSession;
    }
  }
}

/**
 * Formats call sites as stack lines (`fn (file:line:column)`), through the installed
 * `Error.prepareStackTrace` if there is one, so that source-mapping hooks (vitest,
 * source-map-support) give the original locations.
 */
/**
 * The `Error.prepareStackTrace` hook that changes locations (source maps), if any. Node 20
 * installs a default hook of its own, which only matters when Node's source maps are on.
 */
function currentHook(): PrepareStackTrace | undefined {
  const hook =
    rawSessions > 0 ? hookBeforeSession : (Error.prepareStackTrace as PrepareStackTrace | undefined);
  const nodeDefault = hook?.name === 'ErrorPrepareStackTrace';
  return nodeDefault && !(process as { sourceMapsEnabled?: boolean }).sourceMapsEnabled ? undefined : hook;
}

function formatSites(sites: readonly Site[]): string[] {
  const hook = currentHook();
  if (hook === undefined || sites.length === 0 || sites[0] instanceof TextFrame) return sites.map(String);
  const formatted = hook(new Error(), sites as NodeJS.CallSite[]);
  if (typeof formatted !== 'string') return sites.map(String);
  return formatted
    .split('\n')
    .slice(1)
    .map((line) => line.trim().replace(/^at /, ''));
}

/**
 * A frame of a stack that was formatted when it was captured: Bun (JavaScriptCore) formats
 * `Error.captureStackTrace` at once, so a hook installed later sees text, not call sites. Text
 * frames look like V8's (`at fn (file:line:column)`, or `at file:line:column`).
 */
class TextFrame implements Site {
  constructor(
    private readonly text: string,
    private readonly file: string | null,
    private readonly line: number | null,
    private readonly column: number | null,
  ) {}

  static parse(line: string): TextFrame {
    const text = line.trim().replace(/^at /, '');
    const [, file = null, row, column] = /^(?:.*? \()?(.+?):(\d+):(\d+)\)?$/.exec(text) ?? [];
    return new TextFrame(
      text,
      file,
      row === undefined ? null : Number(row),
      column === undefined ? null : Number(column),
    );
  }

  getFileName(): string | null {
    return this.file;
  }
  getLineNumber(): number | null {
    return this.line;
  }
  getColumnNumber(): number | null {
    return this.column;
  }
  toString(): string {
    return this.text;
  }
}

/** The caller sites of a captured stack: V8's call sites (see withRawCallSites), or its text. */
function callerSitesOfCapture(stack: unknown): readonly Site[] {
  if (Array.isArray(stack)) return stack as NodeJS.CallSite[];
  if (typeof stack !== 'string') return [];
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return callerSitesOf(frames.map(TextFrame.parse));
}

/**
 * Where something was allocated. The stack is captured raw (nothing is formatted at allocation);
 * a report formats one frame per allocation for its location, and a few frames per site shown.
 */
export class AllocationSite {
  private readonly capture: { stack?: unknown } = {};
  private sites: readonly Site[] | undefined;
  private formattedFrames: string[] | undefined;
  private formattedLocation: string | undefined;

  /**
   * @param above the function whose frame and those above it are left out (default: this
   *   constructor's). A captured stack holds each frame's receiver until it is formatted, so an
   *   arena's site starts below the arena's constructor: the record would otherwise hold the arena,
   *   which could then never be reported as dropped.
   */
  constructor(above: Function = AllocationSite) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = CAPTURED_FRAMES;
    Error.captureStackTrace(this.capture, above);
    Error.stackTraceLimit = limit;
  }

  private get callers(): readonly Site[] {
    this.sites ??= withRawCallSites(() => callerSitesOfCapture(this.capture.stack));
    return this.sites;
  }

  /** Up to five of the caller's frames, innermost first, without ffi-arena's own. */
  get frames(): readonly string[] {
    this.formattedFrames ??= formatSites(this.callers.slice(0, SHOWN_FRAMES));
    return this.formattedFrames;
  }

  /** The innermost caller frame's location, `file:line:column`, or `unknown`. */
  get location(): string {
    this.formattedLocation ??= this.findLocation();
    return this.formattedLocation;
  }

  private findLocation(): string {
    const site = this.callers[0];
    if (site === undefined) return 'unknown';
    // Without a source-mapping hook, three getters are far cheaper than formatting the frame.
    if (currentHook() === undefined)
      return `${site.getFileName()}:${site.getLineNumber()}:${site.getColumnNumber()}`;
    const [frame = 'unknown'] = this.formattedFrames ?? formatSites([site]);
    return /\((.*)\)$/.exec(frame)?.[1] ?? frame;
  }
}

/** What a record keeps of where it was made: a captured `AllocationSite`, or `UNRECORDED_SITE`. */
export type RecordSite = Pick<AllocationSite, 'location' | 'frames'>;

/**
 * The site of an arena or callback made while creation sites are not recorded: capturing a stack
 * costs 100 times what creating and releasing an arena does (see `LeakTracker.creationSites`).
 */
export const UNRECORDED_SITE: RecordSite = Object.freeze({
  location:
    'an unrecorded site (set LeakTracker.creationSites = true or FFI_ARENA_LEAK_SITES=1 to record where)',
  frames: Object.freeze([]),
});
