/** Test helper: one spam campaign message and the variants real campaigns send (name, greeting, token, order, image). */
import { buildMessage } from './build-message.ts'

export interface CampaignCopy {
  recipientName: string
  recipientAddress: string
  greeting: string
  /** The per-recipient token in the tracking link. */
  linkToken: string
  /** Paragraph order: indexes into PARAGRAPHS. */
  order: readonly number[]
  image: string
}

const PARAGRAPHS = [
  'We attempted to deliver your parcel today but nobody was available to sign for it. Your package ' +
    'is now held at our regional depot and will be returned to the sender if it is not collected.',
  'To arrange a new delivery date, please confirm your address and pay the outstanding redelivery ' +
    'fee of 1.99 within 48 hours. After this period, storage charges will apply for every further day.',
  'Our couriers deliver between 8:00 and 18:00, Monday to Saturday. You can also choose to collect ' +
    'your parcel from one of our partner shops near you once the fee has been settled online.',
  'If you have already paid, please ignore this message. For any questions, reply to this email and ' +
    'a member of our customer care team will get back to you within one working day. Thank you.',
]

export const FIRST_COPY: CampaignCopy = {
  recipientName: 'Laura Bennett',
  recipientAddress: 'laura.bennett@northwind.com',
  greeting: 'Dear',
  linkToken: 'a8Fk29QxLm03ZpR7tY6vWc1N',
  order: [0, 1, 2, 3],
  image: 'https://cdn.parcel-notice.example/img/banner-01.png',
}

/** Each way a campaign varies, applied one at a time to the first copy, then all at once. */
export const VARIANTS: Record<string, CampaignCopy> = {
  'another recipient': {
    ...FIRST_COPY,
    recipientName: 'Marcus Okafor',
    recipientAddress: 'm.okafor@northwind.com',
  },
  'another greeting': { ...FIRST_COPY, greeting: 'Hello' },
  'another link token': { ...FIRST_COPY, linkToken: 'Qz71mKp0Xc4TbW9sLn2Ey8Ra' },
  'paragraphs reordered': { ...FIRST_COPY, order: [0, 2, 1, 3] },
  'another image': { ...FIRST_COPY, image: 'https://img.cdn-delivery.example/b/7731/banner-v2.jpg' },
  'all of them': {
    recipientName: 'Priya Raman',
    recipientAddress: 'priya.raman@northwind.com',
    greeting: 'Hi',
    linkToken: 'Vd5nH8eJr2Lq6Ws0Ta4Xk9Pm',
    order: [1, 0, 2, 3],
    image: 'https://static.parcelnotice-mail.example/x/9/hdr.gif',
  },
}

/** The raw message of one copy: HTML and a text alternative, as bulk senders send. */
export function campaignMessage(copy: CampaignCopy): Buffer {
  const link = `https://parcel-redelivery.example/track/${copy.linkToken}?utm_source=email&utm_campaign=redeliver`
  const paragraphs = copy.order.map((i) => PARAGRAPHS[i]!)
  const html =
    `<html><body><img src="${copy.image}" width="600" alt="Parcel Service">` +
    `<p>${copy.greeting} ${copy.recipientName},</p>` +
    paragraphs.map((p) => `<p style="font-family:Arial;font-size:14px">${p}</p>`).join('') +
    `<p><a href="${link}" style="background:#d40511;color:#fff;padding:10px">Arrange redelivery</a></p>` +
    '<p>Parcel Service Customer Care</p></body></html>'
  const text = [
    `${copy.greeting} ${copy.recipientName},`,
    ...paragraphs,
    `Arrange redelivery: ${link}`,
    'Parcel Service Customer Care',
  ].join('\n\n')
  return buildMessage({
    from: 'Parcel Service <notice@parcel-redelivery.example>',
    to: `${copy.recipientName} <${copy.recipientAddress}>`,
    subject: 'Your parcel could not be delivered',
    messageId: `<${copy.linkToken}@parcel-redelivery.example>`,
    html,
    text,
  })
}
