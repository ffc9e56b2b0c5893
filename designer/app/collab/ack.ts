/**
 * Which local changes the server has acknowledged, on the stock y-websocket protocol: the server
 * stores every update before it answers anything that came after it on the same socket, so a sync
 * step 1 we send after our updates (a probe) is answered with a step 2 only once they are stored.
 * Step 2 answers come back in the order the step 1s went out; the first one after connecting
 * answers y-websocket's own step 1, which acknowledges nothing of ours.
 */
export class AckTracker {
  /** Local changes made so far, and how many of them the server has stored. */
  private made = 0
  private acked = 0
  /** For each step 1 on the wire, the local change count it acknowledges (-1: not ours). */
  private inFlight: number[] = []

  /** A local change landed in the document. */
  changed(): void {
    this.made++
  }

  get pending(): boolean {
    return this.acked < this.made
  }

  /** A new socket opened; y-websocket sends its step 1 first. */
  connected(): void {
    this.inFlight = [-1]
  }

  disconnected(): void {
    this.inFlight = []
  }

  /** Whether a probe should go out now: changes unacknowledged and no probe of ours on the wire (one at a time). */
  wantsProbe(): boolean {
    return this.pending && this.inFlight.every((covered) => covered < 0)
  }

  /** We sent a probe (a step 1) after everything made so far. */
  probed(): void {
    this.inFlight.push(this.made)
  }

  /** A step 2 arrived; true when it acknowledged something. */
  answered(): boolean {
    const covered = this.inFlight.shift()
    if (covered === undefined || covered <= this.acked) return false
    this.acked = covered
    return true
  }
}
