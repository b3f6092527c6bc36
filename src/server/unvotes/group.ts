/** The working group that `concord import unvotes` fills with the UN General Assembly roll calls. */
export const UNGA_GROUP_ID = 'unga';
