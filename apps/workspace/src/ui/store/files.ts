import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { FileEntry, SortKey } from '../types/files.ts'
import * as dav from '../services/dav.ts'
import { joinPath, parentOf } from '../services/paths.ts'

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

/** The folder being browsed: its entries, sort order, and the file operations on it. */
export const useFilesStore = defineStore('files', () => {
  const folder = ref('/')
  const entries = ref<FileEntry[]>([])
  const loading = ref(false)
  const loadError = ref<unknown>(null)
  const sortKey = ref<SortKey>('name')
  const ascending = ref(true)
  let generation = 0

  const sorted = computed(() => {
    const dir = ascending.value ? 1 : -1
    const compare = (a: FileEntry, b: FileEntry): number => {
      if (sortKey.value === 'size') return (a.size - b.size) * dir || collator.compare(a.name, b.name)
      if (sortKey.value === 'modified') return (a.modified.getTime() - b.modified.getTime()) * dir || collator.compare(a.name, b.name)
      return collator.compare(a.name, b.name) * dir
    }
    // Folders first whatever the order, as every file manager does.
    return [...entries.value].sort((a, b) => Number(b.isFolder) - Number(a.isFolder) || compare(a, b))
  })

  async function open(path: string): Promise<void> {
    const mine = ++generation
    folder.value = path
    loading.value = true
    loadError.value = null
    try {
      const list = await dav.listFolder(path)
      // A slower answer for a folder the user already left must not overwrite the current one.
      if (mine === generation) entries.value = list
    } catch (error) {
      if (mine === generation) {
        entries.value = []
        loadError.value = error
      }
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  function sortBy(key: SortKey): void {
    if (sortKey.value === key) ascending.value = !ascending.value
    else {
      sortKey.value = key
      ascending.value = key === 'name'
    }
  }

  async function refresh(): Promise<void> {
    await open(folder.value)
  }

  async function createFolder(name: string): Promise<void> {
    await dav.createFolder(joinPath(folder.value, name.trim()))
    await refresh()
  }

  async function rename(entry: FileEntry, name: string): Promise<void> {
    await dav.move(entry.path, joinPath(parentOf(entry.path), name.trim()))
    await refresh()
  }

  async function moveTo(entry: FileEntry, target: string): Promise<void> {
    await dav.move(entry.path, joinPath(target, entry.name))
    await refresh()
  }

  async function remove(entry: FileEntry): Promise<void> {
    await dav.remove(entry.path)
    entries.value = entries.value.filter((e) => e.path !== entry.path)
  }

  return { folder, entries, sorted, loading, loadError, sortKey, ascending, open, refresh, sortBy, createFolder, rename, moveTo, remove }
})
