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

/**
 * Other names each default brand sends mail and serves pages from. They count as the brand's own
 * (outlook.de is Microsoft's, not "outlook.com with another ending"; m.media-amazon.com is not
 * "amazon embedded in another domain"), but they are not checked for imitations themselves:
 * 'live', 'office' and 'msn' are ordinary words, and live-music.example imitates nobody.
 *
 * Only exact registered domains the brand owns and keeps to itself belong here. Domains that hand
 * out subdomains to customers (windows.net, onmicrosoft.com, sharepointonline.com, azure.com,
 * azure.net: anyone can get paypal.com.z13.web.core.windows.net) must never be listed, or every
 * host under them would pass as genuine. No `name.*` wildcards either: outlook.co, outlook.cc or
 * outlook.com.ng belong to whoever registered them, so country domains are listed one by one.
 */
export const BRAND_SIBLINGS: Readonly<Record<string, readonly string[]>> = {
  'microsoft.*': [
    'outlook.com',
    'outlook.de',
    'outlook.fr',
    'outlook.es',
    'outlook.it',
    'outlook.jp',
    'outlook.co.uk',
    'hotmail.com',
    'hotmail.co.uk',
    'hotmail.fr',
    'hotmail.de',
    'hotmail.it',
    'hotmail.es',
    'live.com',
    'live.net',
    'live.co.uk',
    'live.fr',
    'live.de',
    'msn.com',
    'office.com',
    'office.net',
    'windows.com',
    'microsoft365.com',
    'msauth.net',
    'msftauth.net',
  ],
  'amazon.*': ['media-amazon.com', 'ssl-images-amazon.com', 'images-amazon.com', 'amazon-adsystem.com'],
  'apple.*': ['apple-dns.net', 'apple-cloudkit.com', 'apple-mapkit.com'],
  'google.*': ['googlemail.com', 'google-analytics.com'],
}
