/** Much-impersonated brands checked for look-alikes by default, beside the organization's own domains. */

/**
 * `name.*` means every public suffix under that name belongs to the brand (amazon.de, paypal.me,
 * google.co.uk): big brands register their name in most country domains, and flagging those would
 * flood real mail with warnings. A plain domain protects that domain only, so an organization's
 * `example.com` still flags `example.co`. Genuine sibling domains of a brand are listed so that
 * their name tokens are not mistaken for embedding (paypal-communication.com is PayPal's).
 */
export const DEFAULT_BRAND_DOMAINS: readonly string[] = [
  'paypal.*',
  'paypal-communication.com',
  'paypal-community.com',
  'paypal-prepaid.com',
  'microsoft.*',
  'microsoftonline.com',
  'office365.com',
  'office365.us',
  'outlook.com',
  'sharepoint.com',
  'onedrive.com',
  'apple.*',
  'icloud.com',
  'icloud-content.com',
  'amazon.*',
  'google.*',
  'google-analytics.com',
  'gmail.com',
  'docusign.*',
  'dhl.*',
  'fedex.*',
  'ups.*',
  'ups-scs.com',
  'usps.*',
  'netflix.*',
  'facebook.*',
  'instagram.com',
  'linkedin.*',
  'dropbox.*',
  'adobe.*',
  'wellsfargo.*',
  'bankofamerica.*',
  'americanexpress.*',
  'coinbase.*',
]
