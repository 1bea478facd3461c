// Lines for generated calls: an AI agent on a support line and its callers. Each call
// takes a mood, so generated calls span positive, neutral and negative outcomes.

export const AI_LINES = [
  'Thank you for calling, how can I help you today?',
  'I can certainly look into that for you.',
  'Could you confirm the account number, please?',
  'I understand, let me check what happened with your bill.',
  'I have found the problem and I am fixing it now.',
  'Is there anything else I can help you with?',
  'I am sorry for the trouble this has caused.',
  'Your refund has been processed and should arrive in three to five days.',
  'Please hold for a moment while I check.',
  'I have escalated this to our technical team.',
  'The outage in your area should be resolved by this evening.',
  'I can offer you a discount on next month as an apology.',
  'As required, this call may be recorded for quality and training purposes.',
] as const;

export const CUSTOMER_LINES = {
  positive: [
    'Thanks, that was really helpful.',
    'Great, that sorted it out, thank you so much.',
    'Perfect, the internet is working again.',
    'I appreciate you fixing this so quickly.',
    'That sounds good to me.',
    'Wonderful, you have been very helpful today.',
  ],
  neutral: [
    'I am calling about my bill.',
    'My account number is 4 4 7 1 9.',
    'I moved house last month.',
    'Can you tell me when the technician will come?',
    'I would like to change my payment date.',
    'Okay, I will wait.',
  ],
  negative: [
    'I was charged twice this month and nobody has fixed it.',
    'This is the third time I am calling, it is still broken.',
    'I have been on hold for forty minutes, this is ridiculous.',
    'Your service is terrible and I want to cancel my contract.',
    'The internet does not work and I am really frustrated.',
    'I want to speak to a manager right now.',
    'I am thinking of switching provider, your competitor is cheaper.',
    'I was overcharged again, this is unacceptable.',
  ],
} as const;

export type Mood = keyof typeof CUSTOMER_LINES;
