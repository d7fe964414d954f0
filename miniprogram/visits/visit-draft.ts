import { recordVisitSchema } from '../../shared/api/visits';
import { answerErrors, type Answer } from '../../shared/visits/config';
import type { RiskLevel, VisitMethod } from '../../shared/visits/types';
import type { DraftPhoto } from '../services/drafts';
import { photoUploadError, pickedFromDraft, uploadedIds, type PickedPhoto } from '../components/photo-picker.model';
import type { RecordVisitBody, VisitCategoryView, VisitPerson } from '../services/visits';

/**
 * A visit as the grid member fills it in, at the door and often without network: kept on the
 * phone on every change, sent once (the server keys the visit by `draftId`, so a resend after a
 * lost answer records nothing twice) and dropped only when the server has answered.
 */
export interface VisitDraft {
  /** Drawn when the draft starts and sent with every attempt. */
  draftId: string;
  /** Drafts belong to the account that wrote them: another account on the same phone never sees them. */
  accountId: string;
  /** What the lists show of the person while the draft waits: masked, as the server answered it. */
  person: { id: string; name: string; categoryCode: string; categoryName: string; compoundName: string; risk: RiskLevel };
  visitedAt: string;
  method: VisitMethod;
  met: boolean;
  /** The second team member, if two went; the name is kept so the form shows it without network. */
  companion?: { id: string; name: string };
  /** Integers stay as typed until sent, so a half-typed number is not lost or turned into 0. */
  answers: Record<string, string | boolean>;
  findings: string;
  /** One point at the door, taken on request; never a track. */
  point?: { lng: number; lat: number };
  nextRisk: RiskLevel;
  fileCase: boolean;
  caseSubcategoryCode?: string;
  caseDescription: string;
  /** The case's photos already uploaded: taken only when the problem needs one. */
  casePhotos?: DraftPhoto[];
  notifyDepartment: boolean;
  /** editing: on the form; queued: sent without an answer, waiting for the network; refused: the server said no. */
  status: 'editing' | 'queued' | 'refused';
  /**
   * The body as first sent, kept while the draft waits: a resend must be the same request, or the
   * server would take it for another visit under the same draft id.
   */
  body?: RecordVisitBody;
  /** The last failure, in Chinese, for the list of waiting visits. */
  lastError?: string;
  savedAt: string;
}

export type DraftErrors = Record<string, string>;

/** A new draft for `person`, the visit dated now and the risk level carried over. */
export function newVisitDraft(person: VisitPerson, accountId: string, draftId: string, now: Date): VisitDraft {
  return {
    draftId,
    accountId,
    person: { id: person.id, name: person.name, categoryCode: person.category.code, categoryName: person.category.name, compoundName: person.compoundName, risk: person.risk },
    visitedAt: now.toISOString(),
    method: 'in_person',
    met: true,
    answers: {},
    findings: '',
    nextRisk: person.risk,
    fileCase: false,
    caseDescription: '',
    notifyDepartment: false,
    status: 'editing',
    savedAt: now.toISOString(),
  };
}

/** The answers as the API takes them: integers as numbers, blanks left out. */
export function typedAnswers(category: Pick<VisitCategoryView, 'questions'>, answers: VisitDraft['answers']): Record<string, Answer> {
  const typed: Record<string, Answer> = {};
  for (const question of category.questions) {
    const value = answers[question.key];
    if (value === undefined || value === '') continue;
    if (question.kind === 'integer' && typeof value === 'string') typed[question.key] = /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
    else typed[question.key] = typeof value === 'string' ? value.trim() : value;
  }
  return typed;
}

/**
 * The request body of a draft, or the errors that keep it from being sent, keyed as the form shows
 * them. `photos` are the form's own (with uploads still running or failed); the draft keeps the uploaded ones.
 */
export function visitBodyOf(
  draft: VisitDraft,
  category: Pick<VisitCategoryView, 'questions'>,
  photos: PickedPhoto[] = pickedFromDraft(draft.casePhotos ?? []),
  caseSubcategory?: { photoRequiredToFile: boolean },
): { body: RecordVisitBody } | { errors: DraftErrors } {
  const answers = typedAnswers(category, draft.answers);
  const body: RecordVisitBody = {
    draftId: draft.draftId,
    visitedAt: draft.visitedAt,
    method: draft.method,
    met: draft.met,
    ...(draft.companion ? { companionId: draft.companion.id } : {}),
    answers,
    ...(draft.findings.trim() ? { findings: draft.findings.trim() } : {}),
    ...(draft.point ? { point: draft.point } : {}),
    nextRisk: draft.nextRisk,
    ...(draft.fileCase ? { case: { subcategoryCode: draft.caseSubcategoryCode ?? '', description: draft.caseDescription, photos: uploadedIds(photos) } } : {}),
    notifyDepartment: draft.notifyDepartment,
  };
  const errors: DraftErrors = {};
  const pending = draft.fileCase ? photoUploadError(photos) : undefined;
  if (pending) errors['case.photos'] = pending;
  else if (draft.fileCase && caseSubcategory?.photoRequiredToFile && uploadedIds(photos).length === 0) errors['case.photos'] = '这类问题须附至少1张照片';
  for (const [key, messages] of Object.entries(answerErrors(category, answers))) errors[`answers.${key}`] = messages[0];
  const checked = recordVisitSchema.safeParse(body);
  if (!checked.success) for (const issue of checked.error.issues) errors[issue.path.join('.')] ??= issue.message;
  return Object.keys(errors).length ? { errors } : { body };
}

/** The server's field errors (`details.fields`), one message per field, keyed as the form shows them. */
export function draftErrorsOf(details: unknown): DraftErrors {
  const fields = (details as { fields?: Record<string, string[]> } | undefined)?.fields;
  if (!fields) return {};
  return Object.fromEntries(Object.entries(fields).filter(([, messages]) => messages.length > 0).map(([key, messages]) => [key, messages[0]]));
}

/** Whether the draft holds anything typed or chosen beyond what a new one starts with. */
export function draftTouched(draft: VisitDraft): boolean {
  return Object.keys(draft.answers).length > 0 || draft.findings.trim() !== '' || !!draft.companion || !!draft.point || draft.fileCase || draft.notifyDepartment || draft.nextRisk !== draft.person.risk || !draft.met || draft.method !== 'in_person';
}
