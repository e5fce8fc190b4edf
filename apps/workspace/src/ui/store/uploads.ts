import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Upload } from '../types/files.ts'
import { uploadFile } from '../services/dav.ts'
import { davErrorMessage } from '../services/davErrors.ts'
import { joinPath } from '../services/paths.ts'

let nextId = 1
// Three at a time keeps the progress readable and does not starve the rest of the page's requests.
const PARALLEL = 3

/** Files being uploaded, with their progress; finished ones stay listed until dismissed. */
export const useUploadsStore = defineStore('uploads', () => {
  const uploads = ref<Upload[]>([])
  const active = computed(() => uploads.value.some((u) => u.status === 'uploading'))

  async function uploadOne(file: File, folder: string): Promise<void> {
    uploads.value.push({ id: nextId++, name: file.name, folder, loaded: 0, total: file.size, status: 'uploading', error: null })
    const item = uploads.value[uploads.value.length - 1]!
    try {
      await uploadFile(joinPath(folder, file.name), file, (loaded, total) => {
        item.loaded = loaded
        item.total = total
      }).done
      item.loaded = item.total
      item.status = 'done'
    } catch (error) {
      item.status = 'failed'
      item.error = davErrorMessage(error)
    }
  }

  /** Uploads files into `folder`, a few at a time; resolves when all have finished or failed. */
  async function upload(files: File[], folder: string): Promise<void> {
    const queue = [...files]
    const workers = Array.from({ length: Math.min(PARALLEL, queue.length) }, async () => {
      for (let file = queue.shift(); file; file = queue.shift()) await uploadOne(file, folder)
    })
    await Promise.all(workers)
  }

  function dismissFinished(): void {
    uploads.value = uploads.value.filter((u) => u.status === 'uploading')
  }

  return { uploads, active, upload, dismissFinished }
})
