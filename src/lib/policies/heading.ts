/**
 * The heading a reader sees on a policy page: "<name> privacy policy", where the name is the Open Terms
 * Archive service when the snapshot names one (google.com holds YouTube's and Gmail's policies), else the
 * company's display name. The page's own HTML title, often site chrome ("WebMail Client , WebMail Server ,
 * Email Server for …"), is kept as provenance, not used as the heading.
 */
import { openTermsArchiveService } from '../import/title.ts';

export function policyHeading(data: { company: string; snapshotUrl: string }): string {
  const service = openTermsArchiveService(data.snapshotUrl);
  // A service written all in lower case is a folder named after the domain ("thomsonreuters.com"), not a name.
  const name = service && service !== service.toLowerCase() ? service : data.company;
  return `${name} privacy policy`;
}
