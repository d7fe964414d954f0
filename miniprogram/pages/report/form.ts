import { fileCaseSchema, type FileCaseRequest } from '../../../shared/schemas/cases';
import { maskPersonalData } from '../../../shared/policies/personal-data';
import { publicPreviewOf, type PublicPreview } from '../../../shared/policies/preview';
import type { PickableSubcategory } from '../../components/category-picker.model';
import { photoUploadError, uploadedIds, type PickedPhoto } from '../../components/photo-picker.model';
import type { FilingDraft } from '../../services/drafts';

/** The form's fields as errors name them: each error is shown beside its field. */
export type FormField = 'subcategoryCode' | 'description' | 'photos' | 'place' | 'contactPhone' | 'form';
export type FieldErrors = Partial<Record<FormField, string>>;

export const DESCRIPTION_MAX = 2000;

/** What the server is sent: the draft in the schema's words, anonymity only where the subcategory allows it. */
export function filingRequest(draft: FilingDraft, photos: PickedPhoto[], subcategory: PickableSubcategory | undefined): FileCaseRequest {
  const place = draft.place;
  const address = place?.address?.trim();
  const phone = draft.contactPhone.replace(/\s+/g, '');
  return {
    subcategoryCode: draft.subcategoryCode ?? '',
    description: draft.description,
    ...(place?.point ? { location: place.point } : {}),
    ...(place?.compoundCode ? { compoundCode: place.compoundCode } : {}),
    ...(address ? { address } : {}),
    photos: uploadedIds(photos),
    anonymous: Boolean(subcategory?.anonymousAllowed && draft.anonymous),
    ...(phone ? { contactPhone: phone } : {}),
  };
}

/** Where a schema path's message is shown. */
export function fieldOf(path: string): FormField {
  const head = path.split('.')[0];
  if (head === 'subcategoryCode' || head === 'description' || head === 'photos' || head === 'contactPhone') return head;
  if (head === 'location' || head === 'compoundCode' || head === 'address' || head === 'buildingCode') return 'place';
  return 'form';
}

/** The server's field errors (`details.fields`), placed beside the form's fields. */
export function fieldErrorsFrom(fields: Record<string, string[]> | undefined): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, messages] of Object.entries(fields ?? {})) {
    const field = fieldOf(path);
    if (!errors[field] && messages[0]) errors[field] = messages[0];
  }
  return errors;
}

/**
 * The checks the server makes, with its messages (the same schema), plus what only the app can
 * know: photos still uploading or failed, and the subcategory's photo rule.
 */
export function validateFiling(draft: FilingDraft, photos: PickedPhoto[], subcategory: PickableSubcategory | undefined): FieldErrors {
  const errors: FieldErrors = {};
  const parsed = fileCaseSchema.safeParse(filingRequest(draft, photos, subcategory));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path.map(String).join('.'));
      errors[field] ??= issue.message;
    }
  }
  const uploading = photoUploadError(photos);
  if (uploading) errors.photos = uploading;
  else if (subcategory?.photoRequiredToFile && uploadedIds(photos).length === 0) errors.photos ??= '这类问题须附至少1张照片';
  return errors;
}

export const hasErrors = (errors: FieldErrors) => Object.values(errors).some(Boolean);

export interface FilingPreview extends PublicPreview {
  /** The description as a public summary could show it: phone numbers, IDs, plates and e-mails masked. */
  maskedDescription: string;
  photoCount: number;
}

/** What the filer sees before sending: the privacy policy's own preview (shared with the server), and the masked text. */
export function filingPreview(draft: FilingDraft, photos: PickedPhoto[], subcategory: PickableSubcategory): FilingPreview {
  const request = filingRequest(draft, photos, subcategory);
  const preview = publicPreviewOf(
    {
      description: draft.description.trim(),
      location: request.location,
      address: request.address,
      compoundCode: request.compoundCode,
      photos: request.photos ?? [],
      anonymous: request.anonymous ?? false,
      contactPhone: request.contactPhone,
    },
    { category: subcategory.categoryName, subcategory: subcategory.name, street: draft.place?.streetName ?? '', compound: draft.place?.compoundName },
  );
  return { ...preview, maskedDescription: maskPersonalData(draft.description.trim()), photoCount: request.photos?.length ?? 0 };
}
