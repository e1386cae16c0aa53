// Category names, labels and colours shown to people. The ids are the
// server's (categories.md); the order is the one the controls use.
import type { components } from './api-types';

export type Category = components['schemas']['Category'];
/** A category, or `all`: any learning space. */
export type Subject = components['schemas']['Subject'];

export interface CategoryInfo {
  id: Category;
  label: string;
  colour: string;
}

export const CATEGORIES: readonly CategoryInfo[] = [
  { id: 'library', label: 'Libraries', colour: '#6a3d9a' },
  { id: 'public_bookcase', label: 'Public bookcases', colour: '#b15928' },
  { id: 'community_centre', label: 'Community centres', colour: '#e31a1c' },
  { id: 'makerspace', label: 'Makerspaces and repair cafés', colour: '#ff7f00' },
  { id: 'arts_culture', label: 'Arts and culture', colour: '#cab2d6' },
  { id: 'adult_education', label: 'Adult education', colour: '#1f78b4' },
  { id: 'school', label: 'Schools', colour: '#a6cee3' },
  { id: 'early_years', label: 'Early years', colour: '#fb9a99' },
  { id: 'higher_education', label: 'Higher education', colour: '#33a02c' },
  { id: 'park', label: 'Parks', colour: '#4daf4a' },
  { id: 'community_garden', label: 'Community gardens', colour: '#b2df8a' },
];

const BY_ID = new Map(CATEGORIES.map((c) => [c.id as string, c]));

export function isCategory(s: string | null | undefined): s is Category {
  return s != null && BY_ID.has(s);
}

export function isSubject(s: string | null | undefined): s is Subject {
  return s === 'all' || isCategory(s);
}

export function categoryLabel(id: string): string {
  if (id === 'all') return 'All learning spaces';
  return BY_ID.get(id)?.label ?? (id === 'mixed' ? 'Several kinds' : id);
}

/** Singular-ish label for one place ("Library" rather than "Libraries"). */
export function categoryNoun(id: string): string {
  const nouns: Record<string, string> = {
    library: 'Library',
    public_bookcase: 'Public bookcase',
    community_centre: 'Community centre',
    makerspace: 'Makerspace / repair café',
    arts_culture: 'Arts and culture',
    adult_education: 'Adult education',
    school: 'School',
    early_years: 'Early years',
    higher_education: 'Higher education',
    park: 'Park',
    community_garden: 'Community garden',
  };
  return nouns[id] ?? categoryLabel(id);
}

const NOUNS: Record<string, string> = {
  all: 'learning space',
  makerspace: 'makerspace or repair café',
  arts_culture: 'arts and culture venue',
  adult_education: 'adult education centre',
  early_years: 'early years setting',
  higher_education: 'college or university',
};

/** "a new library" reads; "a new arts and culture" does not. */
export function newNoun(subject: string): string {
  return NOUNS[subject] ?? subject.replace(/_/g, ' ');
}

/** What a place is called in lists: its name, or for an unnamed one what
 *  it is and the street it goes by ("Park by Äulestrasse"), which the
 *  importer finds for OpenStreetMap's many unnamed parks and schools. */
export function placeName(p: { name?: string | null; near_street?: string | null; category: string }): string {
  if (p.name) return p.name;
  const noun = newNoun(p.category);
  return p.near_street ? `${noun[0].toUpperCase()}${noun.slice(1)} by ${p.near_street}` : `Unnamed ${noun}`;
}

/** The walking times the tiles carry figures for (docs/tiles.md). */
export const MINUTES = [5, 10, 15, 20, 30] as const;
