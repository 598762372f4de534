import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createDraftSaver, holdDuring } from '../../../src-renderer/features/wizard/draft-saver'

let saved: string[]
const save = async (values: string) => {
  saved.push(values)
}

beforeEach(() => {
  saved = []
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('createDraftSaver', () => {
  it('saves once, with the latest values, after the clerk pauses', async () => {
    const saver = createDraftSaver({ save, delayMs: 400 })
    saver.schedule('a')
    await vi.advanceTimersByTimeAsync(300)
    saver.schedule('ab')
    await vi.advanceTimersByTimeAsync(300)
    saver.schedule('abc')
    expect(saved).toEqual([])
    await vi.advanceTimersByTimeAsync(400)
    expect(saved).toEqual(['abc'])
  })

  it('flush saves what is pending at once, and nothing when nothing is', async () => {
    const saver = createDraftSaver({ save, delayMs: 400 })
    await saver.flush()
    expect(saved).toEqual([])
    saver.schedule('a')
    await saver.flush()
    expect(saved).toEqual(['a'])
    await vi.advanceTimersByTimeAsync(1000)
    expect(saved).toEqual(['a'])
  })

  it('hold saves what is pending and then nothing until release', async () => {
    const saver = createDraftSaver({ save, delayMs: 400 })
    saver.schedule('before submit')
    await saver.hold()
    expect(saved).toEqual(['before submit'])
    saver.schedule('typed during submit')
    await vi.advanceTimersByTimeAsync(1000)
    expect(saved).toEqual(['before submit'])
    // The submit was refused: saving resumes with what was typed meanwhile.
    saver.release()
    await vi.advanceTimersByTimeAsync(400)
    expect(saved).toEqual(['before submit', 'typed during submit'])
  })

  it('dispose drops pending values and ignores later ones (the draft went with the intake)', async () => {
    const saver = createDraftSaver({ save, delayMs: 400 })
    saver.schedule('a')
    saver.dispose()
    saver.schedule('b')
    await saver.flush()
    saver.release()
    await vi.advanceTimersByTimeAsync(1000)
    expect(saved).toEqual([])
  })

  it('runs saves one after another, in order, and keeps going after a failed one', async () => {
    const events: string[] = []
    const errors: unknown[] = []
    const saver = createDraftSaver<string>({
      delayMs: 10,
      save: async (values) => {
        events.push(`start ${values}`)
        await new Promise((done) => setTimeout(done, 50))
        if (values === 'bad') throw new Error('disk full')
        events.push(`end ${values}`)
      },
      onError: (error) => errors.push(error),
    })
    saver.schedule('bad')
    await vi.advanceTimersByTimeAsync(10)
    saver.schedule('good')
    await vi.advanceTimersByTimeAsync(10)
    await vi.advanceTimersByTimeAsync(200)
    expect(events).toEqual(['start bad', 'start good', 'end good'])
    expect(errors).toHaveLength(1)
  })
})

describe('holdDuring (a submit that deletes the draft)', () => {
  it('saves what is pending first, nothing during the submit, and nothing after it succeeds', async () => {
    const saver = createDraftSaver({ save, delayMs: 400 })
    saver.schedule('before submit')
    const result = await holdDuring(saver, async () => {
      expect(saved).toEqual(['before submit'])
      saver.schedule('typed during submit')
      await vi.advanceTimersByTimeAsync(1000)
      return 'MHZ01-0001'
    })
    expect(result).toBe('MHZ01-0001')
    saver.schedule('after submit')
    await vi.advanceTimersByTimeAsync(1000)
    expect(saved).toEqual(['before submit'])
  })

  it('goes on saving after a refused submit, starting with what was typed during it', async () => {
    const saver = createDraftSaver({ save, delayMs: 400 })
    const refused = holdDuring(saver, async () => {
      saver.schedule('typed during submit')
      throw new Error('refused')
    })
    await expect(refused).rejects.toThrow('refused')
    expect(saved).toEqual([])
    await vi.advanceTimersByTimeAsync(400)
    expect(saved).toEqual(['typed during submit'])
  })
})
