-- Content as the site stored it at the EditorialWorkflow migration (before AddSearch): one published article with
-- every kind of section, references, a topic, an old slug, two revisions, an admin account and an audit entry.
-- Frozen on purpose: it is what an existing database holds, whatever the model looks like today.
-- {PasswordHash} is filled in by the test (ASP.NET Core Identity's V3 hash of a password the test knows).

INSERT INTO AspNetRoles (Id, Name, NormalizedName, ConcurrencyStamp) VALUES
    ('6f0e2a1c-0d1f-4a55-9a51-1d6c1a0b7c01', 'Admin', 'ADMIN', 'c1'),
    ('6f0e2a1c-0d1f-4a55-9a51-1d6c1a0b7c02', 'Editor', 'EDITOR', 'c2'),
    ('6f0e2a1c-0d1f-4a55-9a51-1d6c1a0b7c03', 'Reviewer', 'REVIEWER', 'c3');

INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, PasswordHash, SecurityStamp,
    ConcurrencyStamp, PhoneNumber, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnd, LockoutEnabled, AccessFailedCount,
    DisplayName, IsDisabled, CreatedAt) VALUES
    ('0b4c2f7e-59a3-4f39-8d0e-7c1d0f3e9a10', 'old.admin@example.org', 'OLD.ADMIN@EXAMPLE.ORG', 'old.admin@example.org',
     'OLD.ADMIN@EXAMPLE.ORG', 1, '{PasswordHash}', 'T5QJ7Y3XKZ2M4N6P8R0S1U3W5Y7A9C1E', 'e0b5c1d4-5b8a-4f0e-9d7c-2a1b3c4d5e6f',
     NULL, 0, 0, NULL, 1, 0, 'Old Admin', 0, '2026-11-01 09:00:00');

INSERT INTO AspNetUserRoles (UserId, RoleId) VALUES
    ('0b4c2f7e-59a3-4f39-8d0e-7c1d0f3e9a10', '6f0e2a1c-0d1f-4a55-9a51-1d6c1a0b7c01');

INSERT INTO Articles (Id, Slug, Title, Summary, AuthorName, AuthorCredentials, HeroImageUrl, HeroImageAlt, HeroImageCaption,
    Status, PublishedAt, UpdatedAt, LastReviewedOn, ReviewedBy, NextReviewDue, Disclaimer, CreatedAt, Version) VALUES
    (1, 'fermented-foods-and-the-gut', 'Fermented Foods and the Gut', 'What yogurt, kefir and sauerkraut do for the microbiome.',
     'A. Writer', 'RD', NULL, NULL, NULL, 'Published', '2026-11-02 10:00:00', '2026-11-03 11:00:00', '2026-11-03',
     'Dr. Reviewer, MD', '2029-11-03', 'This article is *not* medical advice.', '2026-11-02 09:30:00', 2);

INSERT INTO Topics (Id, Name, Slug) VALUES (1, 'Fermentation', 'fermentation');
INSERT INTO ArticleTopics (ArticlesId, TopicsId) VALUES (1, 1);

INSERT INTO SlugRedirects (Id, ArticleId, Slug) VALUES (1, 1, 'fermented-foods');

INSERT INTO Sections (Id, ArticleId, Position, Slug, Heading, Body, Kind) VALUES
    (1, 1, 1, 'overview', 'Overview', 'Fermented foods carry live cultures of *lactobacilli*.[1]', 'Prose'),
    (2, 1, 2, 'good-to-know', 'Good to Know', 'A few findings:', 'FactList'),
    (3, 1, 3, 'what-gets-in-the-way', 'What Gets in the Way', 'Some habits undo the benefit.', 'CauseList'),
    (4, 1, 4, 'in-short', 'In Short', 'Eat a little **kimchi** now and then.[1, 2]', 'Summary');

INSERT INTO Facts (Id, SectionId, Position, Text) VALUES
    (1, 2, 1, 'Kefir holds dozens of microbial strains.[2]'),
    (2, 2, 2, 'Sauerkraut must be unpasteurised to keep its cultures.');

INSERT INTO Causes (Id, SectionId, Position, Title, Description) VALUES
    (1, 3, 1, 'Pasteurisation', 'Heat kills the cultures.[1]'),
    (2, 3, 2, 'Added Sugar', 'Sweetened yogurts feed the wrong microbes.');

INSERT INTO Citations (Id, ArticleId, Number, Kind, Authors, Title, Source, Year, DateDetail, Volume, Issue, Pages, Doi, Pmid, Url, AccessedOn) VALUES
    (1, 1, 1, 'JournalArticle', 'Marco ML, Heeney D, Binda S, et al.', 'Health benefits of fermented foods: microbiota and beyond',
     'Curr Opin Biotechnol', 2017, NULL, '44', NULL, '94-102', '10.1016/j.copbio.2016.11.010', '27998788', NULL, NULL),
    (2, 1, 2, 'WebPage', 'Harvard Health Publishing', 'Fermented foods can add depth to your diet', 'Harvard Health', 2018,
     NULL, NULL, NULL, NULL, NULL, NULL, 'https://www.health.harvard.edu/staying-healthy/fermented-foods-can-add-depth-to-your-diet', '2026-10-30');

INSERT INTO Revisions (Id, ArticleId, Version, CreatedAt, Author, Description, Snapshot) VALUES
    (1, 1, 1, '2026-11-02 09:30:00', 'old.admin@example.org', 'Created the article',
     '{"slug":"fermented-foods","title":"Fermented Foods and the Gut","summary":"What yogurt, kefir and sauerkraut do for the microbiome.","author":{"name":"A. Writer","credentials":"RD"},"status":"draft","sections":[{"slug":"overview","heading":"Overview","kind":"prose","body":"Fermented foods carry live cultures of *lactobacilli*.[1]"}],"citations":[{"number":1,"kind":"journalArticle","authors":"Marco ML, Heeney D, Binda S, et al.","title":"Health benefits of fermented foods: microbiota and beyond","source":"Curr Opin Biotechnol","year":2017,"volume":"44","pages":"94-102","doi":"10.1016/j.copbio.2016.11.010","pmid":"27998788"}]}'),
    (2, 1, 2, '2026-11-03 11:00:00', 'old.admin@example.org', 'Published',
     '{"slug":"fermented-foods-and-the-gut","title":"Fermented Foods and the Gut","summary":"What yogurt, kefir and sauerkraut do for the microbiome.","author":{"name":"A. Writer","credentials":"RD"},"status":"published","topics":["Fermentation"],"sections":[{"slug":"overview","heading":"Overview","kind":"prose","body":"Fermented foods carry live cultures of *lactobacilli*.[1]"},{"slug":"good-to-know","heading":"Good to Know","kind":"factList","body":"A few findings:","facts":["Kefir holds dozens of microbial strains.[2]","Sauerkraut must be unpasteurised to keep its cultures."]},{"slug":"what-gets-in-the-way","heading":"What Gets in the Way","kind":"causeList","body":"Some habits undo the benefit.","causes":[{"title":"Pasteurisation","description":"Heat kills the cultures.[1]"},{"title":"Added Sugar","description":"Sweetened yogurts feed the wrong microbes."}]},{"slug":"in-short","heading":"In Short","kind":"summary","body":"Eat a little **kimchi** now and then.[1, 2]"}],"citations":[{"number":1,"kind":"journalArticle","authors":"Marco ML, Heeney D, Binda S, et al.","title":"Health benefits of fermented foods: microbiota and beyond","source":"Curr Opin Biotechnol","year":2017,"volume":"44","pages":"94-102","doi":"10.1016/j.copbio.2016.11.010","pmid":"27998788"},{"number":2,"kind":"webPage","authors":"Harvard Health Publishing","title":"Fermented foods can add depth to your diet","source":"Harvard Health","year":2018,"url":"https://www.health.harvard.edu/staying-healthy/fermented-foods-can-add-depth-to-your-diet","accessedOn":"2026-10-30"}],"disclaimer":"This article is *not* medical advice."}');

INSERT INTO AuditEntries (Id, At, Actor, Action, Target, Details, RemoteIp) VALUES
    (1, '2026-11-03 11:00:00', 'old.admin@example.org', 'published', 'article “Fermented Foods and the Gut” (fermented-foods-and-the-gut)', NULL, '127.0.0.1');
