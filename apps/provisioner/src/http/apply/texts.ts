/** Words of the public pages, in both languages. */
export const TEXTS = {
  en: {
    title: 'Apply for a space', intro: 'Maison offers free online spaces to small associations. Tell us about yours; we review every application by hand.',
    organisation: 'Name of your organisation', slug: 'Wanted space name', slugHint: '3 to 32 characters: a–z, 0–9 and hyphens. Your space will be at /s/NAME/.',
    structureType: 'Type of structure', sectors: 'Activity sectors (one to five)', purpose: 'Purpose and main actions', yearFounded: 'Year founded',
    employees: 'Number of employees', members: 'Number of members', beneficiaries: 'Number of beneficiaries', budgetBand: 'Annual budget',
    contactName: 'Contact name', contactEmail: 'Contact e-mail', charter: 'I have read and accept the charter', submit: 'Send my application',
    fix: 'Please correct the fields marked below.', choose: 'Choose…', switchTo: 'Version française',
    sentTitle: 'Check your mailbox', sent: 'We sent a confirmation link to your e-mail address. Your application will be reviewed once you open it.',
    confirmedTitle: 'Thank you', confirmed: 'Your e-mail address is confirmed; your application is in our review queue.',
    statusTitle: 'Your application', follow: 'Follow it here',
    status: {
      unconfirmed: 'Waiting for you to confirm your e-mail address.', pending: 'Waiting for review.', info_requested: 'We asked you a question: please answer below.',
      approved: 'Approved! Your space is being created.', provisioning: 'Approved! Your space is being created.', ready: 'Your space is ready: check your mailbox for the activation link.',
      rejected: 'Your application was not accepted.', failed: 'Approved, but creating your space ran into a problem; our team has been told.',
    } as Record<string, string>,
    answer: 'Your answer', sendAnswer: 'Send', messages: 'Messages', you: 'You', team: 'Our team', reason: 'Reason',
    tooMany: 'Too many applications from your address; try again later.',
  },
  fr: {
    title: 'Demander un espace', intro: 'Maison offre des espaces en ligne gratuits aux petites associations. Présentez-nous la vôtre ; chaque demande est examinée par une personne.',
    organisation: 'Nom de votre structure', slug: 'Nom d’espace souhaité', slugHint: '3 à 32 caractères : a–z, 0–9 et tirets. Votre espace sera à /s/NOM/.',
    structureType: 'Type de structure', sectors: 'Secteurs d’activité (un à cinq)', purpose: 'Objet et actions principales', yearFounded: 'Année de création',
    employees: 'Nombre de salarié·es', members: 'Nombre d’adhérent·es', beneficiaries: 'Nombre de bénéficiaires', budgetBand: 'Budget annuel',
    contactName: 'Nom de la personne à contacter', contactEmail: 'E-mail de contact', charter: 'J’ai lu et j’accepte la charte', submit: 'Envoyer ma demande',
    fix: 'Merci de corriger les champs signalés ci-dessous.', choose: 'Choisir…', switchTo: 'English version',
    sentTitle: 'Consultez votre messagerie', sent: 'Nous avons envoyé un lien de confirmation à votre adresse e-mail. Votre demande sera examinée une fois ce lien ouvert.',
    confirmedTitle: 'Merci', confirmed: 'Votre adresse e-mail est confirmée ; votre demande est dans notre file d’examen.',
    statusTitle: 'Votre demande', follow: 'Suivez-la ici',
    status: {
      unconfirmed: 'En attente de la confirmation de votre adresse e-mail.', pending: 'En attente d’examen.', info_requested: 'Nous vous avons posé une question : répondez ci-dessous.',
      approved: 'Acceptée ! Votre espace est en cours de création.', provisioning: 'Acceptée ! Votre espace est en cours de création.', ready: 'Votre espace est prêt : le lien d’activation vous attend dans votre messagerie.',
      rejected: 'Votre demande n’a pas été retenue.', failed: 'Acceptée, mais la création de votre espace a rencontré un problème ; notre équipe est prévenue.',
    } as Record<string, string>,
    answer: 'Votre réponse', sendAnswer: 'Envoyer', messages: 'Échanges', you: 'Vous', team: 'Notre équipe', reason: 'Motif',
    tooMany: 'Trop de demandes depuis votre adresse ; réessayez plus tard.',
  },
}
