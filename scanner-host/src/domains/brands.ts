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
 * `name.*` here covers country-code endings only (outlook.de, hotmail.co.uk): the brands hold
 * those, while generic endings (outlook.top, outlook.support) are open to anyone.
 */
export const BRAND_SIBLINGS: Readonly<Record<string, readonly string[]>> = {
  'microsoft.*': [
    'outlook.*',
    'hotmail.*',
    'live.*',
    'msn.*',
    'office.*',
    'office.com',
    'office.net',
    'hotmail.com',
    'live.com',
    'live.net',
    'msn.com',
    'windows.net',
    'windows.com',
    'azure.com',
    'azure.net',
    'onmicrosoft.com',
    'sharepointonline.com',
    'microsoft365.com',
    'msauth.net',
    'msftauth.net',
  ],
  'amazon.*': ['media-amazon.com', 'ssl-images-amazon.com', 'images-amazon.com', 'amazon-adsystem.com'],
  'apple.*': ['apple-dns.net', 'apple-cloudkit.com', 'apple-mapkit.com'],
  'google.*': ['googlemail.com', 'google-analytics.com'],
}
