/**
 * Where the servers' trees live during a run: a fresh ext4 with a journal (mkfs.ext4's defaults, as on a
 * Debian host) in a sparse image, loop-mounted under the work folder, when the bench runs as root.
 * This VM's root filesystem is ext4 without a journal, where every new inode skips the ones freed in the
 * last 60-360 s (inodes.ts): the figures of a run then depended on what had been deleted nearby before it,
 * not on the servers. On a fresh filesystem both servers start from the same clean state every run.
 * `--fs here` (or not being root) keeps the trees in the work folder itself, with inodes.ts's warning.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { recentRemovalWarning } from './inodes.ts'

export interface ScratchFs {
  /** The folder the servers' trees go in. */
  dir: string
  /** What it is, for the targets line. */
  kind: string
  /** Unmounts and deletes the image (after the servers have stopped). */
  release(): void
}

function hasTools(): boolean {
  return ['/usr/sbin/mkfs.ext4', '/usr/bin/mount', '/usr/bin/umount'].every((t) => fs.existsSync(t))
}

/**
 * A fresh filesystem of `sizeGb` (sparse: only what is written takes disk space) when `mode` is 'fresh' and
 * this process may mount; otherwise `workDir` itself. Prints why when it falls back.
 */
export function scratchFs(workDir: string, sizeGb: number, mode: 'fresh' | 'here'): ScratchFs {
  fs.mkdirSync(workDir, { recursive: true })
  const here = (why: string): ScratchFs => {
    if (why) console.log(`fs: ${why}; the trees go in ${path.relative(process.cwd(), workDir) || '.'} itself`)
    const removal = recentRemovalWarning(workDir)
    if (removal) console.log(removal)
    return { dir: workDir, kind: 'the work folder\'s own filesystem', release() {} }
  }
  if (mode === 'here') return here('')
  if (process.getuid?.() !== 0) return here('not root, so no fresh filesystem can be mounted')
  if (!hasTools()) return here('mkfs.ext4 or mount is missing')

  const image = path.join(workDir, `scratch-${process.pid}.img`)
  const dir = path.join(workDir, `scratch-${process.pid}`)
  fs.rmSync(image, { force: true })
  fs.writeFileSync(image, '')
  fs.truncateSync(image, sizeGb * 1024 ** 3)
  try {
    // Inode tables and journal written now: otherwise ext4lazyinit zeroes them in the background during the run.
    execFileSync('/usr/sbin/mkfs.ext4', ['-q', '-F', '-E', 'lazy_itable_init=0,lazy_journal_init=0', image], { stdio: 'pipe' })
    fs.mkdirSync(dir, { recursive: true })
    execFileSync('/usr/bin/mount', ['-o', 'loop', image, dir], { stdio: 'pipe' })
  } catch (err) {
    fs.rmSync(image, { force: true })
    fs.rmSync(dir, { recursive: true, force: true })
    return here(`could not mount a fresh ext4 (${(err as { stderr?: Buffer }).stderr?.toString().trim() || (err as Error).message})`)
  }
  fs.chmodSync(dir, 0o755)
  let mounted = true
  const release = (): void => {
    if (!mounted) return
    mounted = false
    // Lazy when something still holds a file open there (a server that did not exit): the image goes either way.
    const umount = spawnSync('/usr/bin/umount', [dir])
    if (umount.status !== 0) spawnSync('/usr/bin/umount', ['-l', dir])
    fs.rmSync(dir, { recursive: true, force: true })
    fs.rmSync(image, { force: true })
  }
  // A run stopped by Ctrl-C or an error thrown past its cleanup leaves no mount and no image behind.
  process.once('exit', release)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130))
  return { dir, kind: `a fresh ext4 with journal, ${sizeGb} GB, loop-mounted`, release }
}
