import type { PortalInvitation } from '@crm/contracts';
import { apiDelete, apiPost, queryClient } from '../../app/api.ts';

/** The staff side of the customer portal (docs/portal.md#accounts): invite a contact, revoke their access. */
const accessPath = (customerId: number, contactId: number) =>
  `/customers/${customerId}/contacts/${contactId}/portal-access`;
/** The contact list's cache key (web/src/modules/customers/api.ts `contactsPath`). */
const refreshContacts = (customerId: number) =>
  queryClient.invalidateQueries({ queryKey: [`/customers/${customerId}/contacts`] });

export async function invitePortalContact(customerId: number, contactId: number) {
  const invitation = await apiPost<PortalInvitation>(accessPath(customerId, contactId));
  await refreshContacts(customerId);
  return invitation;
}

export async function revokePortalAccess(customerId: number, contactId: number) {
  await apiDelete(accessPath(customerId, contactId));
  await refreshContacts(customerId);
}
