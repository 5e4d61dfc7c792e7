// What one request spends of its consumer key's OVH call budget (upstream-budget.ts). Every HTTP
// attempt spends one call before it is made (the OVH client's beforeAttempt hook), or is refused
// with RATE_LIMITED and not made. A reservation is taken whole or not at all, before the first call
// it pays for: for the whole request (`reserve`: an order, a search), or for one fan-out whose cost
// is known up front (`lease`: a batch read's chunks, a loader's single reads), whose attempts spend
// that lease first so that the request's other calls, running meanwhile, cannot use it up. A
// planned attempt (a call's first) spends its lease, then what the request reserved, then the
// budget; an unplanned one (a retry, a batch's fallback read) spends the budget only, so that
// failures never use up what the planned calls were promised. What a reservation did not use goes
// back to the budget.
import type { UpstreamBudget } from './upstream-budget.js'

interface Share {
  // The budget's receipt of the calls, for giving back what is left.
  receipt: string
  left: number
  // The request's reservation a lease borrowed these calls from, and gives them back to.
  home?: Share
  // Given back already: a lease ending later gives nothing back to it.
  closed?: boolean
}

export interface Lease {
  /** Spends one call for an attempt of the fan-out: a planned one from the lease first. */
  spend (planned: boolean): Promise<void>
  /** Gives back what the fan-out did not use; once. */
  end (): Promise<void>
}

export interface RequestBudget {
  /**
   * Spends one call for an attempt about to be made, or throws RATE_LIMITED (nothing spent): a
   * planned one from the request's reservations first, an unplanned one from the budget only.
   */
  spend (planned: boolean): Promise<void>
  /** Reserves `count` calls for the rest of the request, at once, or throws and reserves nothing. */
  reserve (count: number): Promise<void>
  /**
   * Reserves `count` calls for one fan-out, at once, or throws (RATE_LIMITED, or BAD_USER_INPUT
   * when more than the whole budget) and reserves nothing. Calls the request reserved are used first.
   */
  lease (count: number): Promise<Lease>
  /** Gives back every call the request reserved and did not make. */
  release (): Promise<void>
}

export function createRequestBudget (budget: Pick<UpstreamBudget, 'take' | 'release'>, key: string): RequestBudget {
  // Reservations of the whole request, in the order taken.
  const reserved: Share[] = []

  const draw = (shares: Share[]): boolean => {
    const share = shares.find(candidate => candidate.left > 0)
    if (share === undefined) return false
    share.left--
    return true
  }

  async function spend (planned: boolean): Promise<void> {
    if (planned && draw(reserved)) return
    await budget.take(key, 1)
  }

  async function giveBack (share: Share): Promise<void> {
    const left = share.left
    share.left = 0
    if (left <= 0) return
    if (share.home !== undefined) {
      // A home given back already stays as it is: giving back part of one receipt twice could
      // give back more than it holds (Redis names a receipt's calls 1..n).
      if (share.home.closed !== true) share.home.left += left
      return
    }
    await budget.release(key, left, share.receipt)
  }

  return {
    spend,
    async reserve (count) {
      if (count <= 0) return
      reserved.push({ receipt: await budget.take(key, count), left: count })
    },
    async lease (count) {
      const shares: Share[] = []
      let due = Math.max(0, count)
      // Synchronously, so that no other call of the request takes the same calls meanwhile.
      for (const home of reserved) {
        if (due === 0) break
        const borrowed = Math.min(home.left, due)
        if (borrowed === 0) continue
        home.left -= borrowed
        due -= borrowed
        shares.push({ receipt: home.receipt, left: borrowed, home })
      }
      if (due > 0) {
        try {
          shares.push({ receipt: await budget.take(key, due), left: due })
        } catch (err) {
          for (const share of shares) await giveBack(share)
          throw err
        }
      }
      let ended = false
      return {
        async spend (planned) {
          if (!planned || !draw(shares)) await spend(planned)
        },
        async end () {
          if (ended) return
          ended = true
          for (const share of shares) await giveBack(share)
        }
      }
    },
    async release () {
      for (const share of reserved) {
        const left = share.left
        share.left = 0
        share.closed = true
        if (left > 0) await budget.release(key, left, share.receipt)
      }
    }
  }
}
