/** The choices of the application form, with their labels in both languages. */
export type Language = 'en' | 'fr'
export type Labels = Record<string, { en: string; fr: string }>

export const STRUCTURE_TYPES: Labels = {
  association_1901: { en: 'Association (loi 1901)', fr: 'Association loi 1901' },
  informal_group: { en: 'Informal group', fr: 'Collectif informel' },
  trade_union: { en: 'Trade union', fr: 'Syndicat' },
  association_1907_other: { en: 'Association (loi 1907) or other', fr: 'Association loi 1907 ou autre' },
}

export const SECTORS: Labels = {
  education: { en: 'Education, training', fr: 'Éducation, formation' },
  environment: { en: 'Environment', fr: 'Environnement' },
  culture: { en: 'Culture', fr: 'Culture' },
  social: { en: 'Social', fr: 'Social' },
  mutual_aid: { en: 'Mutual aid', fr: 'Entraide' },
  leisure: { en: 'Leisure', fr: 'Loisirs' },
  rights: { en: 'Fundamental rights', fr: 'Droits fondamentaux' },
  politics: { en: 'Politics', fr: 'Politique' },
  economy: { en: 'Economy', fr: 'Économie' },
  sport: { en: 'Sport', fr: 'Sport' },
  health: { en: 'Health', fr: 'Santé' },
  research: { en: 'Research', fr: 'Recherche' },
  justice: { en: 'Justice', fr: 'Justice' },
  spiritual: { en: 'Spiritual, philosophical', fr: 'Spirituel, philosophique' },
  tourism: { en: 'Tourism', fr: 'Tourisme' },
}

/** Ordered from smallest to largest; `undisclosed` stands apart and never trips a threshold. */
export const BUDGET_BANDS: Labels = {
  under_10k: { en: 'Under €10,000', fr: 'Moins de 10 000 €' },
  '10k_50k': { en: '€10,000 – €50,000', fr: '10 000 € – 50 000 €' },
  '50k_200k': { en: '€50,000 – €200,000', fr: '50 000 € – 200 000 €' },
  '200k_1m': { en: '€200,000 – €1 million', fr: '200 000 € – 1 million €' },
  over_1m: { en: 'Over €1 million', fr: 'Plus d’1 million €' },
  undisclosed: { en: 'Prefer not to say', fr: 'Je préfère ne pas répondre' },
}

export const BUDGET_ORDER = ['under_10k', '10k_50k', '50k_200k', '200k_1m', 'over_1m'] as const

export const APPLICATION_STATUSES = [
  'unconfirmed', 'pending', 'info_requested', 'approved', 'provisioning', 'ready', 'rejected', 'failed',
] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

/** Statuses in which staff may still decide. */
export const REVIEWABLE: readonly ApplicationStatus[] = ['pending', 'info_requested']
