import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as caldav from '../services/caldav.ts'
import type { CalendarInfo } from '../services/caldavTypes.ts'

const HIDDEN_KEY = 'maison.calendar.hidden'

function loadHidden(): Set<number> {
  try {
    return new Set(JSON.parse(localStorage.getItem(HIDDEN_KEY) ?? '[]') as number[])
  } catch {
    return new Set()
  }
}

/** The calendars the account sees and which of them are shown (remembered in this browser). */
export const useCalendarStore = defineStore('calendar', () => {
  const calendars = ref<CalendarInfo[]>([])
  const hidden = ref<Set<number>>(loadHidden())
  const loadError = ref<unknown>(null)

  const visible = computed(() => calendars.value.filter((c) => !hidden.value.has(c.id)))
  const writable = computed(() => calendars.value.filter((c) => c.access === 'read-write'))

  async function load(): Promise<void> {
    loadError.value = null
    try {
      calendars.value = await caldav.listCalendars()
    } catch (error) {
      loadError.value = error
    }
  }

  function toggle(id: number, shown: boolean): void {
    const next = new Set(hidden.value)
    if (shown) next.delete(id)
    else next.add(id)
    hidden.value = next
    localStorage.setItem(HIDDEN_KEY, JSON.stringify([...next]))
  }

  const byId = (id: number): CalendarInfo | undefined => calendars.value.find((c) => c.id === id)

  return { calendars, hidden, visible, writable, loadError, load, toggle, byId }
})
