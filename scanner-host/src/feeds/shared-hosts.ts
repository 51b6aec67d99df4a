/** Shared hosts: names where one host serves many unrelated tenants, so one listed address says nothing of the others. */

/**
 * A feed listing `https://docs.google.com/forms/d/e/X/viewform` condemns that form, not Google
 * Docs. Under these names (and every name below them) only the listed address itself matches;
 * elsewhere another listed address on the same host also counts, as a weaker finding. Tenant
 * subdomains (`evil.github.io`, `x.web.app`) are not here: there each host is one tenant.
 */
export const DEFAULT_SHARED_HOSTS = [
  // Google, Microsoft, Apple, Amazon, Adobe: documents, forms, storage and sites of anyone.
  'google.com',
  'googleapis.com',
  'googleusercontent.com',
  'forms.gle',
  'youtube.com',
  'microsoft.com',
  'live.com',
  'office.com',
  'office365.com',
  'microsoftonline.com',
  'sharepoint.com',
  'onedrive.com',
  '1drv.ms',
  'icloud.com',
  'apple.com',
  'amazonaws.com',
  'adobe.com',
  // Code hosting and CDNs that serve it.
  'github.com',
  'githubusercontent.com',
  'gitlab.com',
  'bitbucket.org',
  'sourceforge.net',
  'jsdelivr.net',
  // File sharing.
  'dropbox.com',
  'dropboxusercontent.com',
  'box.com',
  'mediafire.com',
  'mega.nz',
  'wetransfer.com',
  'we.tl',
  'gofile.io',
  'ipfs.io',
  'dweb.link',
  'cloudflare-ipfs.com',
  'pastebin.com',
  'archive.org',
  // Chat and social networks: one host, every user's uploads and pages.
  'discord.com',
  'discordapp.com',
  'discordapp.net',
  't.me',
  'telegra.ph',
  'facebook.com',
  'instagram.com',
  'linkedin.com',
  'twitter.com',
  'x.com',
  'wa.me',
  'linktr.ee',
  // Form, survey, design and signature services.
  'canva.com',
  'notion.so',
  'jotform.com',
  'typeform.com',
  'surveymonkey.com',
  'docusign.net',
  'zoom.us',
  'yandex.ru',
]

/** True when `host` or a parent of it is in `shared`. */
export function isSharedHost(host: string, shared: ReadonlySet<string>): boolean {
  for (let h = host; ;) {
    if (shared.has(h)) return true
    const dot = h.indexOf('.')
    if (dot < 0) return false
    h = h.slice(dot + 1)
  }
}
