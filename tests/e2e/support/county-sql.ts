import { PGlite } from '@electric-sql/pglite'

/**
 * Makes the county lose one intake as an accident on its side would: the intake.submit
 * mutation, the intake and the changes published for it are deleted straight from the
 * county's PGlite folder. The county process must be stopped (PGlite holds its folder).
 * Returns the id of the mutation removed.
 */
export async function loseIntakeOnCounty(dataDir: string, intakeNo: string): Promise<string> {
  const client = await PGlite.create(dataDir)
  try {
    const found = await client.query<{ id: string; mutation_id: string }>('SELECT id, mutation_id FROM intakes WHERE intake_no = $1', [intakeNo])
    const intake = found.rows[0]
    if (intake === undefined) throw new Error(`the county holds no intake ${intakeNo}`)
    await client.transaction(async (tx) => {
      await tx.query('DELETE FROM mutations WHERE id = $1', [intake.mutation_id])
      await tx.query('DELETE FROM changes WHERE entity_id = $1', [intake.id])
      await tx.query('DELETE FROM intakes WHERE id = $1', [intake.id])
    })
    return intake.mutation_id
  } finally {
    await client.close()
  }
}
