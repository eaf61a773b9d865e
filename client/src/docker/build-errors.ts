// Map a failed build's output to the Dockerfile instruction that failed, so the error lands in the
// Problems panel on the right line. Understands the legacy builder ("Step 3/5 : RUN false" followed by
// the error) and BuildKit ("Dockerfile:3" with a ">>>" excerpt, "[stage 2/3] RUN ...", "line 3").
import { DockerfileParser } from 'dockerfile-ast';

export interface BuildErrorLocation {
  /** 0-based first and last line of the failing instruction */
  line: number;
  endLine: number;
  message: string;
}

interface Instr {
  text: string; // "RUN false", normalized whitespace
  start: number;
  end: number;
}

function instructions(dockerfileText: string): Instr[] {
  const df = DockerfileParser.parse(dockerfileText);
  return df.getInstructions().map((i) => {
    const r = i.getRange();
    // toString() is the instruction as builders print it: flags kept (COPY --from=…), continuations joined, comments dropped.
    return { text: norm(i.toString()), start: r.start.line, end: r.end.line };
  });
}

const norm = (s: string) =>
  s
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();

function byText(instrs: Instr[], text: string): Instr | undefined {
  const t = norm(text);
  return instrs.find((i) => i.text === t) ?? instrs.find((i) => t.length > 8 && (i.text.startsWith(t) || t.startsWith(i.text)));
}

function atLine(instrs: Instr[], line0: number): Instr | undefined {
  return instrs.find((i) => line0 >= i.start && line0 <= i.end);
}

/** The last lines of a build's output that the error search reads (a failed step's error is near the end). */
const SEARCHED_LINES = 5000;

/**
 * @param output  the build's text output (progress lines included; only its tail is read)
 * @param error   the final error message the engine/CLI reported
 * @param dockerfileText the Dockerfile that was built
 * @param failedStep BuildKit's name of the step that failed, when known
 *
 * Matching is line by line with anchored patterns, so the time is linear in the output (a pattern with
 * `^\s*` over the whole text took seconds on 32 kB of blank lines).
 */
export function locateBuildError(output: string, error: string, dockerfileText: string, failedStep?: string): BuildErrorLocation | undefined {
  const instrs = instructions(dockerfileText);
  const message = cleanMessage(error);
  const outLines = lastLines(output, SEARCHED_LINES);
  const all = [...outLines, ...error.split(/\r?\n/)];
  const lineCount = dockerfileText.split(/\r?\n/).length;
  const fromLine = (n1: number): BuildErrorLocation | undefined => {
    if (!(n1 >= 1 && n1 <= lineCount)) return undefined;
    const i = atLine(instrs, n1 - 1);
    return { line: i?.start ?? n1 - 1, endLine: i?.end ?? n1 - 1, message };
  };
  const last = (lines: readonly string[], re: RegExp): RegExpExecArray | undefined => {
    for (let k = lines.length - 1; k >= 0; k--) {
      const m = re.exec(lines[k]!);
      if (m) return m;
    }
    return undefined;
  };

  // BuildKit: "Dockerfile:12" (or "path/to/Dockerfile.dev:12") before the excerpt of the failing line
  const bk = last(all, /^[ \t]*(?:ERROR: )?\S*Dockerfile[^\s:]*:(\d+)[ \t]*$/i);
  if (bk) return fromLine(Number(bk[1]));
  // ">>> 12 | RUN false" style excerpts without the header
  const excerpt = last(all, /^[ \t]*(\d+)[ \t]*\|[ \t]*>>>/) ?? last(all, /^[ \t]*>>>[ \t]*(\d+)[ \t]*\|/);
  if (excerpt) return fromLine(Number(excerpt[1]));
  // parse errors from either builder: "Dockerfile parse error line 3: ..." / "parse error on line 3: ..."
  const pe = all.map((l) => /parse error(?: on)? line (\d+)/i.exec(l)).find((m) => m);
  if (pe) return fromLine(Number(pe[1]));

  // BuildKit names the failing step: "[stage-0 2/3] RUN make" (the text after the bracket)
  if (failedStep) {
    const i = byText(instrs, failedStep.replace(/^\[[^\]]*\]\s*/, ''));
    if (i) return { line: i.start, endLine: i.end, message };
  }
  // legacy builder: the last "Step N/M : INSTR" before the error is the one that failed
  const step = last(outLines, /^Step (\d+)\/(\d+) : (.*)$/);
  if (step) {
    const n = Number(step[1]);
    const text = step[3]!;
    const candidate = instrs[n - 1];
    const i = candidate && candidate.text === norm(text) ? candidate : (byText(instrs, text) ?? candidate);
    if (i) return { line: i.start, endLine: i.end, message };
  }
  // BuildKit progress: "#7 [build 2/3] RUN false" / "ERROR [2/3] RUN false"
  const bkStep = last(all, /\[(?:[\w.-]+ )?\d+\/\d+\] (.+)$/);
  if (bkStep) {
    const i = byText(instrs, bkStep[1]!.replace(/:$/, ''));
    if (i) return { line: i.start, endLine: i.end, message };
  }
  return undefined;
}

/** The last `n` lines of `text`, found from the end (no split of the whole text). */
function lastLines(text: string, n: number): string[] {
  let start = text.length;
  for (let k = 0; k < n && start > 0; k++) {
    const nl = text.lastIndexOf('\n', start - 1);
    start = Math.max(0, nl);
    if (nl < 0) break;
  }
  return text.slice(start).split(/\r?\n/);
}

/** Strip builder noise so the Problems entry reads like the error. */
export function cleanMessage(error: string): string {
  return error
    .replace(/\x1b\[[0-9;]*m/g, '')
    .replace(/^ERROR:\s*/i, '')
    .replace(/^failed to solve( with frontend dockerfile\.v0)?: /i, '')
    .trim();
}
