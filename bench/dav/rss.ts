import fs from 'node:fs'

/** Resident set size of one process in bytes, or 0 once it is gone. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) * 1024 : 0
  } catch {
    return 0
  }
}

/** RSS of a process and all its descendants (Apache's workers run in child processes). */
export function rssOfTree(pid: number): number {
  let total = rssOf(pid)
  for (const child of childrenOf(pid)) total += rssOfTree(child)
  return total
}

function childrenOf(pid: number): number[] {
  try {
    return fs.readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
      const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim()
      return text ? text.split(/\s+/).map(Number) : []
    })
  } catch {
    return []
  }
}

const TICK_MS = 10 // USER_HZ is 100 on Linux

/** CPU time (user + system, ms) used so far by a process and its live descendants; 0 once gone. */
export function cpuMsOfTree(pid: number): number {
  let total = 0
  try {
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')
    total = (Number(fields[11]) + Number(fields[12])) * TICK_MS
  } catch {
    return 0
  }
  for (const child of childrenOf(pid)) total += cpuMsOfTree(child)
  return total
}

/** User and system CPU time (ms) and minor page faults of a process and its live descendants, apart (see cpuMsOfTree). */
export function cpuSplitOfTree(pid: number): { user: number; sys: number; faults: number } {
  const split = { user: 0, sys: 0, faults: 0 }
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ')
    split.user = Number(fields[11]) * TICK_MS
    split.sys = Number(fields[12]) * TICK_MS
    split.faults = Number(fields[7])
  } catch {
    return split
  }
  for (const child of childrenOf(pid)) {
    const c = cpuSplitOfTree(child)
    split.user += c.user
    split.sys += c.sys
    split.faults += c.faults
  }
  return split
}

export interface RssSampler {
  /** Stops sampling; returns the RSS at start, the peak, and the growth (peak - start). */
  stop(): { startBytes: number; peakBytes: number; growthBytes: number }
}

/** Samples the RSS of a process tree every `everyMs` until stopped. */
export function sampleRss(pid: number, everyMs = 100): RssSampler {
  const startBytes = rssOfTree(pid)
  let peakBytes = startBytes
  const timer = setInterval(() => {
    peakBytes = Math.max(peakBytes, rssOfTree(pid))
  }, everyMs)
  return {
    stop() {
      clearInterval(timer)
      peakBytes = Math.max(peakBytes, rssOfTree(pid))
      return { startBytes, peakBytes, growthBytes: peakBytes - startBytes }
    },
  }
}
