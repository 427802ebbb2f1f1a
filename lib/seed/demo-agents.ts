// The demo workspace's agent inventory: two Global Admin Console exports of ws-acme-prod, a few weeks apart,
// imported by seedDemoWorkspace through the same preview → commit services as an upload. Embedded as strings
// (not files) so the seed runs the same under tsx, vitest and a bundled server.
//
// Under the guide catalogue (with mcp:jira-sync classified by the seed as private data + untrusted content):
// trifecta from one app (Gmail, Calendar, Outlook) or from a mix (Slack + Drive, Confluence + GitLab…);
// clean agents lighting one or two legs; agents with no app; two custom MCP servers (mcp:acme-crm left
// unclassified, so it counts for every leg); two apps the catalogue does not know (Zapier, Miro); apps
// written the way exports write them (google_drive, GDrive, Calendar, SharePoint Online…).

export const DEMO_EXPORT_FILENAME = 'acme-prod-agents-export.csv';

/** The first full export. */
export const DEMO_EXPORT = `agent_id,agent_name,owner_email,connected_apps,status
agt_znt6w2zhl3vgvuy3,Inbox triage,aisha.okafor@acme.example,Gmail,published
agt_cgdo5pyhyphdltp6,RFP drafter,priya.shah@acme.example,Google Drive;Google Docs;Web Search,published
agt_a4snqtlnwr7p4oly,Deal desk assistant,priya.shah@acme.example,Salesforce;Slack,published
agt_od7tzttcyomeetgv,Release notes bot,marcus.lee@acme.example,GitHub,published
agt_hpyl237eimu5lf5a,Vendor risk screener,nora.walsh@acme.example,Web Search;SharePoint,pending_review
agt_tg5yqws7xdl5uavc,Meeting prep,david.kim@acme.example,Calendar,published
agt_txriotphlxgoesig,Contract clause finder,elena.rossi@acme.example,SharePoint Online;OneDrive,published
agt_gs7737l546yjjktg,NDA reviewer,elena.rossi@acme.example,google_drive;Docs,published
agt_ffilrqow4jzc7r6g,Expense policy Q&A,tom.becker@acme.example,Confluence,published
agt_phet3cba4e5iierw,Month-end close helper,tom.becker@acme.example,SharePoint;Box,draft
agt_66q3hefgs45a25as,Support macro writer,aisha.okafor@acme.example,Confluence;Slack,published
agt_vmklx3phnbsa7ogy,Customer escalation summarizer,aisha.okafor@acme.example,mcp:acme-crm;Slack,published
agt_3yy3jeqlmetubu3m,Account research,priya.shah@acme.example,mcp:acme-crm;Web Search,published
agt_huznera44qzfs5gw,Sprint planner,marcus.lee@acme.example,mcp:jira-sync,published
agt_qadtd3jdjrlycsox,Standup digest,marcus.lee@acme.example,mcp:jira-sync;slack,published
agt_hzzgovagf2tdmjgy,Incident postmortem writer,lars.nilsson@acme.example,"Confluence, Jira",published
agt_ejfx6vqqojzylehr,Phishing report triage,lars.nilsson@acme.example,Microsoft Outlook;mcp:jira-sync,published
agt_c3fkbf4crmxo4dtk,Security questionnaire filler,lars.nilsson@acme.example,Google Drive;Notion,pending_review
agt_qhzntyhtjsvlaras,Campaign brief writer,jamie.chen@acme.example,Google Docs;Miro,published
agt_g3yyqws7pityquuv,Social post scheduler,jamie.chen@acme.example,Zapier;Slack,draft
agt_xiqps6xdwva556v7,Competitive intel digest,jamie.chen@acme.example,Web Search;Slack,published
agt_hk3hnssntwivb7xn,Onboarding buddy,sofia.martinez@acme.example,Notion;Slack,published
agt_3au54y2yzccwmjbf,Job description drafter,sofia.martinez@acme.example,Google Docs,published
agt_7kzkkfw6rdqz43ts,Benefits FAQ,sofia.martinez@acme.example,SharePoint,published
agt_eur7j7bizpb7stc2,Interview scheduler,sofia.martinez@acme.example,Google Calendar;Gmail,draft
agt_wq5co2a63h64tl7k,Roadmap Q&A,david.kim@acme.example,"Confluence, Jira, Miro",published
agt_zrolfam7raqfuag3,Customer interview synthesizer,david.kim@acme.example,GDrive;Google Docs,published
agt_6grgqzp6qjfmu2ap,PR review summarizer,marcus.lee@acme.example,GitHub;Slack,suspended
agt_4m5i2xzbndo7uqlw,On-call runbook helper,owen.price@acme.example,Confluence;GitLab,published
agt_p4p5zqhfn3du3qsd,IT helpdesk,owen.price@acme.example,Outlook;SharePoint,published
agt_vjesn2pqtvneoala,Access request router,owen.price@acme.example,Zapier;Jira,pending_review
agt_dpslgquzaqhrmcgc,Invoice matcher,tom.becker@acme.example,Box;Google Drive,published
agt_6nuabyp4q3vtnhgu,Board deck polisher,tom.becker@acme.example,Google Drive;Slack,draft
agt_jbkwkcvvrrqhpi7s,Forecast explainer,tom.becker@acme.example,Salesforce;Google Docs,published
agt_voziczb6dnfxir7j,Translation helper,jamie.chen@acme.example,,published
agt_qynpmgqhtjiohyql,Brand voice checker,jamie.chen@acme.example,,draft
agt_fruxan6tsqkmpsjo,Policy lookup,elena.rossi@acme.example,Notion,published
agt_orvxhqub6lymrzad,Privacy request handler,elena.rossi@acme.example,Salesforce;OneDrive,pending_review
agt_e4o3l4hct7oz6lvv,Partner onboarding,nora.walsh@acme.example,Salesforce;Box,published
agt_i56twagpate4ae4v,Purchase order checker,nora.walsh@acme.example,OneDrive;Rovo,published
agt_rckmhz2zus4c5yeh,Bug reproducer,marcus.lee@acme.example,GitHub;Browser,draft
agt_dw3f7l3lbt7z6f3k,Legacy FAQ bot,jamie.chen@acme.example,Web Search,suspended
`;

export const DEMO_LATER_EXPORT_FILENAME = 'acme-prod-agents-export (1).csv';

/**
 * A later full export of the same workspace: Release notes bot gains Slack (newly trifecta), Renewal risk
 * radar is new (trifecta), Expense policy Q&A changes owner, Onboarding buddy drops Slack (no longer
 * trifecta), Standup digest is renamed, two agents change status, Legacy FAQ bot is gone from the export;
 * Inbox triage and NDA reviewer are spelled differently (gmail, Google Drive) but unchanged.
 */
export const DEMO_LATER_EXPORT = `agent_id,agent_name,owner_email,connected_apps,status
agt_znt6w2zhl3vgvuy3,Inbox triage,aisha.okafor@acme.example,gmail,published
agt_cgdo5pyhyphdltp6,RFP drafter,priya.shah@acme.example,Google Drive;Google Docs;Web Search,published
agt_a4snqtlnwr7p4oly,Deal desk assistant,priya.shah@acme.example,Salesforce;Slack,published
agt_jvjgxmsajxojh2qb,Renewal risk radar,priya.shah@acme.example,Salesforce;mcp:acme-crm;Slack,draft
agt_od7tzttcyomeetgv,Release notes bot,marcus.lee@acme.example,GitHub;Slack,published
agt_hpyl237eimu5lf5a,Vendor risk screener,nora.walsh@acme.example,Web Search;SharePoint,published
agt_tg5yqws7xdl5uavc,Meeting prep,david.kim@acme.example,Calendar,published
agt_txriotphlxgoesig,Contract clause finder,elena.rossi@acme.example,SharePoint Online;OneDrive,published
agt_gs7737l546yjjktg,NDA reviewer,elena.rossi@acme.example,Google Drive;Docs,published
agt_ffilrqow4jzc7r6g,Expense policy Q&A,nora.walsh@acme.example,Confluence,published
agt_phet3cba4e5iierw,Month-end close helper,tom.becker@acme.example,SharePoint;Box,draft
agt_66q3hefgs45a25as,Support macro writer,aisha.okafor@acme.example,Confluence;Slack,published
agt_vmklx3phnbsa7ogy,Customer escalation summarizer,aisha.okafor@acme.example,mcp:acme-crm;Slack,published
agt_3yy3jeqlmetubu3m,Account research,priya.shah@acme.example,mcp:acme-crm;Web Search,published
agt_huznera44qzfs5gw,Sprint planner,marcus.lee@acme.example,mcp:jira-sync,published
agt_qadtd3jdjrlycsox,Daily standup digest,marcus.lee@acme.example,mcp:jira-sync;slack,published
agt_hzzgovagf2tdmjgy,Incident postmortem writer,lars.nilsson@acme.example,"Confluence, Jira",published
agt_ejfx6vqqojzylehr,Phishing report triage,lars.nilsson@acme.example,Microsoft Outlook;mcp:jira-sync,published
agt_c3fkbf4crmxo4dtk,Security questionnaire filler,lars.nilsson@acme.example,Google Drive;Notion,pending_review
agt_qhzntyhtjsvlaras,Campaign brief writer,jamie.chen@acme.example,Google Docs;Miro,published
agt_g3yyqws7pityquuv,Social post scheduler,jamie.chen@acme.example,Zapier;Slack,draft
agt_xiqps6xdwva556v7,Competitive intel digest,jamie.chen@acme.example,Web Search;Slack,published
agt_hk3hnssntwivb7xn,Onboarding buddy,sofia.martinez@acme.example,Notion,published
agt_3au54y2yzccwmjbf,Job description drafter,sofia.martinez@acme.example,Google Docs,published
agt_7kzkkfw6rdqz43ts,Benefits FAQ,sofia.martinez@acme.example,SharePoint,published
agt_eur7j7bizpb7stc2,Interview scheduler,sofia.martinez@acme.example,Google Calendar;Gmail,draft
agt_wq5co2a63h64tl7k,Roadmap Q&A,david.kim@acme.example,"Confluence, Jira, Miro",published
agt_zrolfam7raqfuag3,Customer interview synthesizer,david.kim@acme.example,GDrive;Google Docs,published
agt_6grgqzp6qjfmu2ap,PR review summarizer,marcus.lee@acme.example,GitHub;Slack,suspended
agt_4m5i2xzbndo7uqlw,On-call runbook helper,owen.price@acme.example,Confluence;GitLab,published
agt_p4p5zqhfn3du3qsd,IT helpdesk,owen.price@acme.example,Outlook;SharePoint,published
agt_vjesn2pqtvneoala,Access request router,owen.price@acme.example,Zapier;Jira,pending_review
agt_dpslgquzaqhrmcgc,Invoice matcher,tom.becker@acme.example,Box;Google Drive,published
agt_6nuabyp4q3vtnhgu,Board deck polisher,tom.becker@acme.example,Google Drive;Slack,published
agt_jbkwkcvvrrqhpi7s,Forecast explainer,tom.becker@acme.example,Salesforce;Google Docs,published
agt_voziczb6dnfxir7j,Translation helper,jamie.chen@acme.example,,published
agt_qynpmgqhtjiohyql,Brand voice checker,jamie.chen@acme.example,,draft
agt_fruxan6tsqkmpsjo,Policy lookup,elena.rossi@acme.example,Notion,published
agt_orvxhqub6lymrzad,Privacy request handler,elena.rossi@acme.example,Salesforce;OneDrive,pending_review
agt_e4o3l4hct7oz6lvv,Partner onboarding,nora.walsh@acme.example,Salesforce;Box,published
agt_i56twagpate4ae4v,Purchase order checker,nora.walsh@acme.example,OneDrive;Rovo,published
agt_rckmhz2zus4c5yeh,Bug reproducer,marcus.lee@acme.example,GitHub;Browser,draft
`;
