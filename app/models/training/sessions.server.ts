/** Training sessions of a wave: dated places with a capacity. */
import { trainingSession } from "#db/schema";
import { dateProblem, isCountInBounds } from "~/domain/core/bounds";
import { formatDate, isIsoDate, type IsoDate } from "~/domain/core/dates";
import type { Actor } from "~/models/core/actor.server";
import { command, deleteAudited, entity, insertAudited, loadRow, loadVersioned } from "~/models/core/command.server";
import { ValidationError, type FieldIssue } from "~/models/core/errors.server";
import { waveEntity, type TrainingWave } from "./waves.server";

export interface TrainingSessionInput {
  date: IsoDate;
  capacity: number;
  location: string;
}

// The label names the wave, which the session row only references: filled in by each write.
const sessionEntity = (wave: { code: string }) => entity("training_session", trainingSession, (row) => `${wave.code} ${formatDate(row.date)}`);

function checkSession(input: TrainingSessionInput, wave: TrainingWave) {
  const issues: FieldIssue[] = [];
  if (dateProblem(input.date)) issues.push({ field: "date", message: { key: dateProblem(input.date)! } });
  else if (input.date < wave.startDate || input.date > wave.endDate)
    issues.push({ field: "date", message: { key: "training.validation.outsideWave", params: { start: formatDate(wave.startDate), end: formatDate(wave.endDate) } } });
  if (!Number.isInteger(input.capacity) || input.capacity <= 0) issues.push({ field: "capacity", message: { key: "training.validation.positiveInteger" } });
  else if (!isCountInBounds(input.capacity)) issues.push({ field: "capacity", message: { key: "bounds.count" } });
  ValidationError.throwIf(issues);
}

export function createSession(actor: Actor, waveId: number, input: TrainingSessionInput) {
  return command(actor, "update:training", (tx) => {
    const wave = loadRow(tx, waveEntity, waveId);
    checkSession(input, wave);
    return insertAudited(tx, actor, sessionEntity(wave), { ...input, waveId });
  });
}

export function deleteSession(actor: Actor, id: number, version: number) {
  command(actor, "update:training", (tx) => {
    const current = loadVersioned(tx, sessionEntity({ code: "" }), id, version);
    const wave = loadRow(tx, waveEntity, current.waveId);
    deleteAudited(tx, actor, sessionEntity(wave), current);
  });
}
