/** Words of the staff console, in both languages. Element names and ids never change with the language. */
const en = {
  lang: 'en' as 'en' | 'fr',
  switchTo: 'Version française',
  nav: { applications: 'Applications', spaces: 'Spaces', upgrades: 'Upgrades', stats: 'Statistics', audit: 'Audit log', outbox: 'Outbox', templates: 'Templates', logout: 'Log out' },
  roles: { reviewer: 'reviewer', operator: 'operator', admin: 'admin' } as Record<string, string>,
  login: { title: 'Staff console', username: 'Username', password: 'Password', submit: 'Log in' },
  statuses: {
    unconfirmed: 'unconfirmed', pending: 'pending', info_requested: 'info_requested', approved: 'approved', provisioning: 'provisioning',
    ready: 'ready', rejected: 'rejected', failed: 'failed',
  } as Record<string, string>,
  queue: {
    title: 'Applications', all: 'all statuses', search: 'organisation, name, e-mail', filter: 'Filter',
    count: (n: number) => `${n} application(s)`,
    cols: { id: '#', organisation: 'Organisation', space: 'Space', status: 'Status', contact: 'Contact', received: 'Received' },
  },
  facts: {
    organisation: 'Organisation', slug: 'Space name', structure: 'Structure', sectors: 'Sectors', purpose: 'Purpose', founded: 'Founded',
    employees: 'Employees', members: 'Members', beneficiaries: 'Beneficiaries', budget: 'Budget', contact: 'Contact', language: 'Language',
    received: 'Received', confirmed: 'Confirmed',
  },
  detail: {
    title: (id: number, org: string) => `Application #${id} — ${org}`, status: 'Status', decision: 'Decision', approve: 'Approve',
    rejectWith: 'Reject with a reason', noTemplate: '(no template)', reasonPlaceholder: 'Additional words (in the applicant\'s language)', reject: 'Reject',
    ask: 'Ask for more information', sendQuestion: 'Send question', provisioning: 'Provisioning', lastError: 'Last error', retry: 'Retry',
    openSpace: 'Open the space', hints: 'Hints', noHint: 'No eligibility hint.', conversation: 'Conversation with the applicant', none: 'None.',
    notes: 'Internal notes', addNoteLabel: 'Add a note', addNote: 'Add note', history: 'History', staff: 'staff', applicant: 'applicant',
  },
  hints: {
    employees_above: (p: Record<string, unknown>) => `${p.employees} employees, above the threshold of ${p.max}.`,
    budget_above: (p: Record<string, unknown>) => `Budget band ${p.band}, above the threshold of ${p.max}.`,
    few_members: (p: Record<string, unknown>) => `Only ${p.members} member(s).`,
    duplicate_email: (p: Record<string, unknown>) => `${p.count} other application(s) with the e-mail ${p.email}.`,
    duplicate_organisation: (p: Record<string, unknown>) => `${p.count} other application(s) from an organisation named like "${p.organisation}".`,
  },
  audit: { title: 'Audit log', when: 'When', who: 'Who', what: 'What', on: 'On', detail: 'Detail' },
  spaces: {
    title: 'Spaces', closing: 'Closing requests', by: 'by', cols: { space: 'Space', name: 'Name', status: 'Status', accounts: 'Accounts', quota: 'Quota' },
    suspend: 'Suspend', resume: 'Resume', restore: 'Restore', delete: 'Delete (30-day grace)',
    status: { active: 'active', suspended: 'suspended', maintenance: 'maintenance', deleted: 'deleted' } as Record<string, string>,
  },
  outbox: { title: 'Outbox', lead: 'Mail kept here because no SMTP_URL is set.', to: 'To', empty: 'Empty.' },
  templates: { title: 'Reject templates', code: 'Code', titleEn: 'Title (EN)', titleFr: 'Titre (FR)', bodyEn: 'Text (EN)', bodyFr: 'Texte (FR)', save: 'Save', add: 'New template' },
}

export type ConsoleTexts = typeof en

const fr: ConsoleTexts = {
  lang: 'fr',
  switchTo: 'English version',
  nav: { applications: 'Demandes', spaces: 'Espaces', upgrades: 'Mises à jour', stats: 'Statistiques', audit: 'Journal', outbox: 'Courriers', templates: 'Modèles', logout: 'Se déconnecter' },
  roles: { reviewer: 'relecture', operator: 'exploitation', admin: 'administration' },
  login: { title: 'Console de l’équipe', username: 'Identifiant', password: 'Mot de passe', submit: 'Se connecter' },
  statuses: {
    unconfirmed: 'non confirmée', pending: 'en attente', info_requested: 'question posée', approved: 'acceptée', provisioning: 'en création',
    ready: 'prête', rejected: 'refusée', failed: 'en échec',
  },
  queue: {
    title: 'Demandes', all: 'tous les statuts', search: 'structure, nom, e-mail', filter: 'Filtrer',
    count: (n: number) => `${n} demande(s)`,
    cols: { id: 'n°', organisation: 'Structure', space: 'Espace', status: 'Statut', contact: 'Contact', received: 'Reçue le' },
  },
  facts: {
    organisation: 'Structure', slug: 'Nom d’espace', structure: 'Type', sectors: 'Secteurs', purpose: 'Objet', founded: 'Création',
    employees: 'Salarié·es', members: 'Adhérent·es', beneficiaries: 'Bénéficiaires', budget: 'Budget', contact: 'Contact', language: 'Langue',
    received: 'Reçue le', confirmed: 'Confirmée le',
  },
  detail: {
    title: (id: number, org: string) => `Demande n° ${id} — ${org}`, status: 'Statut', decision: 'Décision', approve: 'Accepter',
    rejectWith: 'Refuser avec un motif', noTemplate: '(sans modèle)', reasonPlaceholder: 'Quelques mots de plus (dans la langue de la personne)', reject: 'Refuser',
    ask: 'Demander des précisions', sendQuestion: 'Envoyer la question', provisioning: 'Création de l’espace', lastError: 'Dernière erreur', retry: 'Réessayer',
    openSpace: 'Ouvrir l’espace', hints: 'Points d’attention', noHint: 'Aucun point d’attention.', conversation: 'Échanges avec la personne', none: 'Aucun.',
    notes: 'Notes internes', addNoteLabel: 'Ajouter une note', addNote: 'Ajouter la note', history: 'Historique', staff: 'équipe', applicant: 'demandeur·se',
  },
  hints: {
    employees_above: (p) => `${p.employees} salarié·es, au-delà du seuil de ${p.max}.`,
    budget_above: (p) => `Tranche de budget ${p.band}, au-delà du seuil ${p.max}.`,
    few_members: (p) => `Seulement ${p.members} adhérent·e(s).`,
    duplicate_email: (p) => `${p.count} autre(s) demande(s) avec l’e-mail ${p.email}.`,
    duplicate_organisation: (p) => `${p.count} autre(s) demande(s) d’une structure au nom proche de « ${p.organisation} ».`,
  },
  audit: { title: 'Journal des actions', when: 'Quand', who: 'Qui', what: 'Quoi', on: 'Sur', detail: 'Détail' },
  spaces: {
    title: 'Espaces', closing: 'Demandes de fermeture', by: 'par', cols: { space: 'Espace', name: 'Nom', status: 'Statut', accounts: 'Comptes', quota: 'Quota' },
    suspend: 'Suspendre', resume: 'Réactiver', restore: 'Restaurer', delete: 'Supprimer (30 jours pour revenir en arrière)',
    status: { active: 'actif', suspended: 'suspendu', maintenance: 'maintenance', deleted: 'supprimé' },
  },
  outbox: { title: 'Courriers', lead: 'Les courriers restent ici car SMTP_URL n’est pas configuré.', to: 'À', empty: 'Vide.' },
  templates: { title: 'Modèles de refus', code: 'Code', titleEn: 'Title (EN)', titleFr: 'Titre (FR)', bodyEn: 'Text (EN)', bodyFr: 'Texte (FR)', save: 'Enregistrer', add: 'Nouveau modèle' },
}

export const CONSOLE_TEXTS: Record<'en' | 'fr', ConsoleTexts> = { en, fr }
