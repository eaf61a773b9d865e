// The last N characters of a stream of text (build output, `compose logs -f`): appending is amortised
// O(1) and memory stays bounded however long the stream runs.
export class TailBuffer {
  private chunks: string[] = [];
  private size = 0;
  /** Characters dropped from the front so far. */
  dropped = 0;

  constructor(readonly limit: number) {}

  push(text: string): void {
    if (!text) return;
    if (text.length >= this.limit) {
      this.dropped += this.size + text.length - this.limit;
      this.chunks = [text.slice(text.length - this.limit)];
      this.size = this.limit;
      return;
    }
    this.chunks.push(text);
    this.size += text.length;
    // Compact only when twice over, so a steady stream costs O(1) per character.
    if (this.size > 2 * this.limit) {
      const all = this.chunks.join('');
      this.dropped += all.length - this.limit;
      this.chunks = [all.slice(all.length - this.limit)];
      this.size = this.limit;
    }
  }

  text(): string {
    const all = this.chunks.join('');
    if (all.length <= this.limit) return all;
    this.dropped += all.length - this.limit;
    this.chunks = [all.slice(all.length - this.limit)];
    this.size = this.limit;
    return this.chunks[0]!;
  }
}
