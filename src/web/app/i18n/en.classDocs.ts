import type { zhClassDocs } from './zh.classDocs';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const enClassDocs: Shape<typeof zhClassDocs> = {
  classDocs: {
    title: 'Written rules',
    hint: 'The campaign asks every class to hold these documents before approval. Upload your own (PDF, Word or a photo), download the template and fill it in, or write it here from the template.',
    required: 'Required',
    optional: 'Optional',
    missing: 'Missing',
    held: 'On file',
    upload: 'Upload',
    template: 'Template',
    write: 'Write from template',
    writeTitle: 'Write "{{name}}"',
    writeHint: 'Fill in every "____". Saving keeps it as a PDF, which the district sees at approval.',
    writeSave: 'Save as PDF',
    writeRequired: 'Write the document',
    saved: 'Saved "{{name}}"',
    noFiles: 'No files yet',
    approvalReady:
      'Ready to approve: the venue checklist is confirmed, the written rules are on file and the rules checked before approval pass.',
    approvalBlocked: 'Cannot be approved yet:',
    approveDisabled: 'Cannot approve yet: {{reasons}}',
    venueFlag: 'Venue to re-check',
    venueFlagHint:
      'The venue checklist changed after approval (or its confirmation lapsed): the district re-checks and confirms it.',
    venueFlagAlert: 'The venue checklist of this class changed after approval; its confirmation has lapsed',
    openVenue: 'Open venue',
    fireEvidenceMissing:
      'Fire safety is answered "met" but no fire safety evidence (e.g. the fire inspection certificate) is on file. The campaign requires the evidence; without it the fire safety rule fails.',
    fireEvidenceHint:
      'Upload it below under evidence as "fire certificate", or cite an uploaded file for fire safety in the checklist.',
  },
};
