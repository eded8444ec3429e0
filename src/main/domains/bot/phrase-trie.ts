/**
 * Whole-word phrase lookup: phrases are stored as a trie keyed by word, so matching a line costs
 * (words in the line) x (words in the longest phrase) whatever the number of phrases stored.
 */
interface Node<T> {
  next: Map<string, Node<T>> | null;
  values: T[] | null;
}

export interface PhraseHit<T> {
  value: T;
  /** Index of the first word of the match in the line. */
  start: number;
}

export class PhraseTrie<T> {
  private root: Node<T> = { next: null, values: null };
  private phrases = 0;

  get size(): number {
    return this.phrases;
  }

  add(phraseWords: readonly string[], value: T): void {
    if (phraseWords.length === 0) return;
    let node = this.root;
    for (const w of phraseWords) {
      node.next ??= new Map();
      let child = node.next.get(w);
      if (!child) {
        child = { next: null, values: null };
        node.next.set(w, child);
      }
      node = child;
    }
    (node.values ??= []).push(value);
    this.phrases++;
  }

  /** Calls `visit` for every stored phrase that occurs in `line` as whole words, in line order. */
  scan(line: readonly string[], visit: (hit: PhraseHit<T>) => void): void {
    if (this.phrases === 0) return;
    for (let i = 0; i < line.length; i++) {
      let node: Node<T> | undefined = this.root;
      for (let j = i; j < line.length; j++) {
        node = node.next?.get(line[j]!);
        if (!node) break;
        if (node.values) for (const value of node.values) visit({ value, start: i });
      }
    }
  }

  /** The first phrase found, or undefined. */
  first(line: readonly string[]): PhraseHit<T> | undefined {
    let found: PhraseHit<T> | undefined;
    if (this.phrases === 0) return undefined;
    for (let i = 0; i < line.length && !found; i++) {
      let node: Node<T> | undefined = this.root;
      for (let j = i; j < line.length; j++) {
        node = node.next?.get(line[j]!);
        if (!node) break;
        if (node.values) {
          found = { value: node.values[0]!, start: i };
          break;
        }
      }
    }
    return found;
  }
}
