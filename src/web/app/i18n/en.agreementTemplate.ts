/** English texts of the campaign's agreement template card. */
export const enAgreementTemplate = {
  agreementTemplate: {
    title: 'Agreement template',
    hint: "Units start their own custody agreement from this campaign's latest template; a new version never changes what a unit has published or families have signed.",
    builtIn: 'Using the built-in template',
    current: 'Current: version {{version}} · {{date}}',
    edit: 'Edit and publish a new version',
    view: 'Read the text',
    modalTitle: 'Publish a new version of the agreement template',
    fieldTitle: 'Title',
    fieldBody: 'Text',
    fieldBodyHint:
      'Placeholders: {unit}, {class}, {startDate}/{endDate}, {dailyHours}, {fee}, {venue} are filled with the class when a family signs.',
    fieldNote: 'What changed',
    publish: 'Publish',
    published: 'Version {{version}} published',
    versions: 'Versions',
    version: 'Version {{version}}',
    noVersions: 'Nothing published yet: the built-in template is used',
  },
};
