import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dockerfileSupport as docker } from '../../../server/src/dockerfile';
import { assertFoldsWellFormed, assertSelectionWellFormed, chain, folds } from '../core/structure';
import { context, dockerfile } from './support';

const TEXT = [
  '# syntax=docker/dockerfile:1', //                 0
  '# check=error=true', //                           1
  'ARG GO_VERSION=1.22', //                          2
  'FROM golang:${GO_VERSION} AS build', //           3
  'WORKDIR /src', //                                 4
  'RUN --mount=type=cache,target=/root/.cache \\', // 5
  '    apt-get update && \\', //                     6
  '    # comment inside', //                         7
  '    apt-get install -y curl', //                  8
  'COPY <<EOF /etc/app.conf', //                     9
  'key=value', //                                    10
  '# not a comment', //                              11
  'EOF', //                                          12
  'ENV A=1 B="two words"', //                        13
  '', //                                             14
  '# the runtime image', //                          15
  '# small', //                                      16
  'FROM alpine:3.20', //                             17
  'COPY --from=build /out/app /usr/local/bin/app', // 18
  '# trailing note', //                              19
  '',
].join('\n');

const file = dockerfile(TEXT);
const ctx = context();
const select = (line: number, character: number) => chain(docker.selectionRanges!(file, [{ line, character }], ctx)[0]);

describe('dockerfile folding and selection ranges', () => {
  it('folds stages, continued instructions, heredocs (terminator left visible) and comment runs', () => {
    // Stage 1 ends at ENV (the blank line and the comments introducing the next FROM stay out); the last
    // stage keeps its trailing comment. A leading run of directives is a comment run too.
    const expected = ['0-1 comment', '3-13', '5-8', '9-11', '15-16 comment', '17-19'];
    assert.deepEqual(folds(docker.foldingRanges!(file, ctx, { lineFoldingOnly: true })), expected);
    assert.deepEqual(folds(docker.foldingRanges!(file, ctx, { lineFoldingOnly: false })), expected);
  });

  it('expands word → argument → instruction → stage → file', () => {
    assert.deepEqual(select(3, 8), ['3:5-3:11', '3:5-3:25', '3:5-3:34', '3:0-3:34', '3:0-13:21', '0:0-20:0']); // golang, the image, the arguments, FROM, the stage, the file
    assert.deepEqual(select(3, 2), ['3:0-3:4', '3:0-3:34', '3:0-13:21', '0:0-20:0']); // the keyword
    assert.deepEqual(select(18, 9), ['18:5-18:11', '18:5-18:17', '18:5-18:45', '18:0-18:45', '17:0-18:45', '0:0-20:0']); // --from, --from=build, …
  });

  it('across continuation lines: one command of the shell line, the whole command, the instruction', () => {
    assert.deepEqual(select(6, 6), ['6:4-6:11', '6:4-6:18', '6:4-8:27', '5:4-8:27', '5:0-8:27', '3:0-13:21', '0:0-20:0']);
    assert.deepEqual(select(8, 21), ['8:20-8:22', '8:4-8:27', '6:4-8:27', '5:4-8:27', '5:0-8:27', '3:0-13:21', '0:0-20:0']);
    // A --mount option, the flag's value, the flag.
    assert.deepEqual(select(5, 20), ['5:17-5:22', '5:12-5:22', '5:12-5:42', '5:4-5:42', '5:4-8:27', '5:0-8:27', '3:0-13:21', '0:0-20:0']);
    // A comment line inside the continuation.
    assert.deepEqual(select(7, 8), ['7:6-7:13', '7:4-7:20', '5:0-8:27', '3:0-13:21', '0:0-20:0']);
  });

  it('heredoc body, ENV key and value, global ARG, comments between stages', () => {
    assert.deepEqual(select(10, 2), ['10:0-10:3', '10:0-10:9', '10:0-11:15', '9:0-12:3', '3:0-13:21', '0:0-20:0']); // word, line, body, COPY, stage
    assert.deepEqual(select(13, 15), ['13:15-13:20', '13:10-13:21', '13:8-13:21', '13:4-13:21', '13:0-13:21', '3:0-13:21', '0:0-20:0']); // words, "two words", B=…
    assert.deepEqual(select(13, 4), ['13:4-13:5', '13:4-13:7', '13:4-13:21', '13:0-13:21', '3:0-13:21', '0:0-20:0']);
    assert.deepEqual(select(2, 16), ['2:15-2:16', '2:15-2:19', '2:4-2:19', '2:0-2:19', '0:0-20:0']); // 1, 1.22, GO_VERSION=1.22, ARG
    assert.deepEqual(select(15, 3), ['15:2-15:5', '15:0-15:19', '0:0-20:0']);
  });

  it('answers every position with a well-formed chain, and odd input without error', () => {
    for (const text of [TEXT, '', 'FROM', 'RUN <<EOF\nunterminated', 'FROM a\\\n\\\n', '# only\n# comments\n', 'FROM a AS b\nRUN ["x", "y"]\nONBUILD RUN <<EOT\nhi\nEOT\n']) {
      const f = dockerfile(text);
      assertFoldsWellFormed(docker.foldingRanges!(f, ctx, { lineFoldingOnly: true }), f.document.lineCount, JSON.stringify(text));
      const positions = Array.from({ length: text.length + 1 }, (_, k) => f.document.positionAt(k));
      const ranges = docker.selectionRanges!(f, positions, ctx);
      assert.equal(ranges.length, positions.length);
      ranges.forEach((r, k) => assertSelectionWellFormed(r, positions[k], JSON.stringify(text)));
    }
  });
});
