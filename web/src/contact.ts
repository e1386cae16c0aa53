// How to find and reach a place, from its OpenStreetMap tags: the postal
// address a resident would give a taxi or a friend, and a phone number
// a phone can dial.

type Tags = Record<string, unknown>;

function tag(p: Tags, key: string): string {
  const v = p[key];
  return typeof v === 'string' ? v.trim() : '';
}

/** "Städtle 35, 9490 Vaduz" from `addr:*`; null without a street or place. */
export function postalAddress(p: Tags): string | null {
  const street = tag(p, 'addr:street') || tag(p, 'addr:place');
  if (!street) return null;
  const line = [street, tag(p, 'addr:housenumber')].filter(Boolean).join(' ');
  const town = [tag(p, 'addr:postcode'), tag(p, 'addr:city')].filter(Boolean).join(' ');
  return town ? `${line}, ${town}` : line;
}

/** The place's phone number as written (`phone`, else `contact:phone`). */
export function phoneNumber(p: Tags): string | null {
  return tag(p, 'phone') || tag(p, 'contact:phone') || null;
}

/** A `tel:` link for the first of the numbers given ("+423 236 63 63;
 *  +423 236 63 64"), or null when it is not a number a phone can dial. */
export function phoneHref(value: string): string | null {
  const first = value.split(';')[0].trim();
  const digits = first.replace(/[\s\-./()]/g, '');
  return /^\+?\d{3,20}$/.test(digits) ? `tel:${digits}` : null;
}
