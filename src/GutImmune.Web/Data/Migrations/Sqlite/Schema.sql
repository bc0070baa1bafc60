CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

CREATE TABLE "Articles" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Articles" PRIMARY KEY AUTOINCREMENT,
    "Slug" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "AuthorName" TEXT NOT NULL,
    "AuthorCredentials" TEXT NULL,
    "HeroImageUrl" TEXT NULL,
    "HeroImageAlt" TEXT NULL,
    "HeroImageCaption" TEXT NULL,
    "Status" TEXT NOT NULL,
    "PublishedAt" TEXT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "LastReviewedOn" TEXT NULL,
    "NextReviewDue" TEXT NULL,
    "Disclaimer" TEXT NULL
);

CREATE TABLE "Citations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Citations" PRIMARY KEY AUTOINCREMENT,
    "ArticleId" INTEGER NOT NULL,
    "Number" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Authors" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Source" TEXT NULL,
    "Year" INTEGER NULL,
    "DateDetail" TEXT NULL,
    "Volume" TEXT NULL,
    "Issue" TEXT NULL,
    "Pages" TEXT NULL,
    "Doi" TEXT NULL,
    "Pmid" TEXT NULL,
    "Url" TEXT NULL,
    "AccessedOn" TEXT NULL,
    CONSTRAINT "FK_Citations_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Sections" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Sections" PRIMARY KEY AUTOINCREMENT,
    "ArticleId" INTEGER NOT NULL,
    "Position" INTEGER NOT NULL,
    "Slug" TEXT NOT NULL,
    "Heading" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    CONSTRAINT "FK_Sections_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Causes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Causes" PRIMARY KEY AUTOINCREMENT,
    "SectionId" INTEGER NOT NULL,
    "Position" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    CONSTRAINT "FK_Causes_Sections_SectionId" FOREIGN KEY ("SectionId") REFERENCES "Sections" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Facts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Facts" PRIMARY KEY AUTOINCREMENT,
    "SectionId" INTEGER NOT NULL,
    "Position" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    CONSTRAINT "FK_Facts_Sections_SectionId" FOREIGN KEY ("SectionId") REFERENCES "Sections" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_Articles_Slug" ON "Articles" ("Slug");

CREATE INDEX "IX_Articles_Status_PublishedAt" ON "Articles" ("Status", "PublishedAt");

CREATE INDEX "IX_Causes_SectionId_Position" ON "Causes" ("SectionId", "Position");

CREATE UNIQUE INDEX "IX_Citations_ArticleId_Number" ON "Citations" ("ArticleId", "Number");

CREATE INDEX "IX_Facts_SectionId_Position" ON "Facts" ("SectionId", "Position");

CREATE INDEX "IX_Sections_ArticleId_Position" ON "Sections" ("ArticleId", "Position");

CREATE UNIQUE INDEX "IX_Sections_ArticleId_Slug" ON "Sections" ("ArticleId", "Slug");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125031827_InitialContent', '10.0.15');

DROP INDEX "IX_Citations_ArticleId_Number";

ALTER TABLE "Articles" ADD "CreatedAt" TEXT NOT NULL DEFAULT '0001-01-01 00:00:00';

ALTER TABLE "Articles" ADD "ReviewedBy" TEXT NULL;

ALTER TABLE "Articles" ADD "Version" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "IsDisabled" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "At" TEXT NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Target" TEXT NOT NULL,
    "Details" TEXT NULL,
    "RemoteIp" TEXT NULL
);

CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

CREATE TABLE "Revisions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Revisions" PRIMARY KEY AUTOINCREMENT,
    "ArticleId" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Author" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "Snapshot" TEXT NOT NULL,
    CONSTRAINT "FK_Revisions_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "SlugRedirects" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SlugRedirects" PRIMARY KEY AUTOINCREMENT,
    "Slug" TEXT NOT NULL,
    "ArticleId" INTEGER NOT NULL,
    CONSTRAINT "FK_SlugRedirects_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Topics" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Topics" PRIMARY KEY AUTOINCREMENT,
    "Slug" TEXT NOT NULL,
    "Name" TEXT NOT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ArticleTopics" (
    "ArticlesId" INTEGER NOT NULL,
    "TopicsId" INTEGER NOT NULL,
    CONSTRAINT "PK_ArticleTopics" PRIMARY KEY ("ArticlesId", "TopicsId"),
    CONSTRAINT "FK_ArticleTopics_Articles_ArticlesId" FOREIGN KEY ("ArticlesId") REFERENCES "Articles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ArticleTopics_Topics_TopicsId" FOREIGN KEY ("TopicsId") REFERENCES "Topics" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Citations_ArticleId_Number" ON "Citations" ("ArticleId", "Number");

CREATE INDEX "IX_ArticleTopics_TopicsId" ON "ArticleTopics" ("TopicsId");

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");

CREATE UNIQUE INDEX "IX_Revisions_ArticleId_Version" ON "Revisions" ("ArticleId", "Version");

CREATE INDEX "IX_Revisions_CreatedAt" ON "Revisions" ("CreatedAt");

CREATE INDEX "IX_SlugRedirects_ArticleId" ON "SlugRedirects" ("ArticleId");

CREATE UNIQUE INDEX "IX_SlugRedirects_Slug" ON "SlugRedirects" ("Slug");

CREATE UNIQUE INDEX "IX_Topics_Slug" ON "Topics" ("Slug");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125032945_EditorialWorkflow', '10.0.15');

CREATE TABLE "SearchEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SearchEntries" PRIMARY KEY AUTOINCREMENT,
    "ArticleId" INTEGER NOT NULL,
    "SectionSlug" TEXT NULL,
    "Anchor" TEXT NULL,
    "Heading" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    CONSTRAINT "FK_SearchEntries_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_SearchEntries_ArticleId" ON "SearchEntries" ("ArticleId");

CREATE VIRTUAL TABLE SearchIndex USING fts5(
    Heading, Body, content='SearchEntries', content_rowid='Id', tokenize='porter unicode61 remove_diacritics 2');

CREATE TRIGGER SearchEntries_AfterInsert AFTER INSERT ON SearchEntries BEGIN
    INSERT INTO SearchIndex(rowid, Heading, Body) VALUES (new.Id, new.Heading, new.Body);
END;

CREATE TRIGGER SearchEntries_AfterDelete AFTER DELETE ON SearchEntries BEGIN
    INSERT INTO SearchIndex(SearchIndex, rowid, Heading, Body) VALUES ('delete', old.Id, old.Heading, old.Body);
END;

CREATE TRIGGER SearchEntries_AfterUpdate AFTER UPDATE ON SearchEntries BEGIN
    INSERT INTO SearchIndex(SearchIndex, rowid, Heading, Body) VALUES ('delete', old.Id, old.Heading, old.Body);
    INSERT INTO SearchIndex(rowid, Heading, Body) VALUES (new.Id, new.Heading, new.Body);
END;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261125035352_AddSearch', '10.0.15');

ALTER TABLE "AspNetUsers" ADD "MustChangePassword" INTEGER NOT NULL DEFAULT 0;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130112905_MustChangePassword', '10.0.15');

ALTER TABLE "Revisions" ADD "CompressedSnapshot" BLOB NULL;

ALTER TABLE "Revisions" ADD "LastReviewedOn" TEXT NULL;

ALTER TABLE "Revisions" ADD "ReviewedBy" TEXT NULL;

ALTER TABLE "Revisions" ADD "Status" TEXT NULL;

UPDATE Revisions SET
    Status = CASE json_extract(Snapshot, '$.status')
        WHEN 'draft' THEN 'Draft' WHEN 'inReview' THEN 'InReview'
        WHEN 'published' THEN 'Published' WHEN 'unpublished' THEN 'Unpublished' END,
    LastReviewedOn = json_extract(Snapshot, '$.lastReviewedOn'),
    ReviewedBy = substr(json_extract(Snapshot, '$.reviewedBy'), 1, 200)
WHERE Snapshot IS NOT NULL AND json_valid(Snapshot);

CREATE TABLE "ef_temp_Revisions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Revisions" PRIMARY KEY AUTOINCREMENT,
    "ArticleId" INTEGER NOT NULL,
    "Author" TEXT NOT NULL,
    "CompressedSnapshot" BLOB NULL,
    "CreatedAt" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "LastReviewedOn" TEXT NULL,
    "ReviewedBy" TEXT NULL,
    "Snapshot" TEXT NULL,
    "Status" TEXT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Revisions_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE
);

INSERT INTO "ef_temp_Revisions" ("Id", "ArticleId", "Author", "CompressedSnapshot", "CreatedAt", "Description", "LastReviewedOn", "ReviewedBy", "Snapshot", "Status", "Version")
SELECT "Id", "ArticleId", "Author", "CompressedSnapshot", "CreatedAt", "Description", "LastReviewedOn", "ReviewedBy", "Snapshot", "Status", "Version"
FROM "Revisions";

PRAGMA foreign_keys = 0;

DROP TABLE "Revisions";

ALTER TABLE "ef_temp_Revisions" RENAME TO "Revisions";

PRAGMA foreign_keys = 1;

CREATE UNIQUE INDEX "IX_Revisions_ArticleId_Version" ON "Revisions" ("ArticleId", "Version");

CREATE INDEX "IX_Revisions_CreatedAt" ON "Revisions" ("CreatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130114054_RevisionStorage', '10.0.15');

CREATE TABLE "ReaderEditions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReaderEditions" PRIMARY KEY AUTOINCREMENT,
    "ArticleId" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "Slug" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "AuthorName" TEXT NOT NULL,
    "AuthorCredentials" TEXT NULL,
    "HeroImageUrl" TEXT NULL,
    "HeroImageAlt" TEXT NULL,
    "HeroImageCaption" TEXT NULL,
    "PublishedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "LastReviewedOn" TEXT NULL,
    "ReviewedBy" TEXT NULL,
    "NextReviewDue" TEXT NULL,
    "SectionSlugs" TEXT NOT NULL,
    "RenderedPage" BLOB NOT NULL,
    "Snapshot" BLOB NOT NULL,
    CONSTRAINT "FK_ReaderEditions_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ReaderEditionTopics" (
    "ReaderEditionId" INTEGER NOT NULL,
    "TopicsId" INTEGER NOT NULL,
    CONSTRAINT "PK_ReaderEditionTopics" PRIMARY KEY ("ReaderEditionId", "TopicsId"),
    CONSTRAINT "FK_ReaderEditionTopics_ReaderEditions_ReaderEditionId" FOREIGN KEY ("ReaderEditionId") REFERENCES "ReaderEditions" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ReaderEditionTopics_Topics_TopicsId" FOREIGN KEY ("TopicsId") REFERENCES "Topics" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_ReaderEditions_ArticleId" ON "ReaderEditions" ("ArticleId");

CREATE INDEX "IX_ReaderEditions_PublishedAt" ON "ReaderEditions" ("PublishedAt");

CREATE UNIQUE INDEX "IX_ReaderEditions_Slug" ON "ReaderEditions" ("Slug");

CREATE INDEX "IX_ReaderEditionTopics_TopicsId" ON "ReaderEditionTopics" ("TopicsId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130135450_ReaderEditions', '10.0.15');

ALTER TABLE "Articles" ADD "ReviewOverrideReason" TEXT NULL;

CREATE TABLE "ReviewSignOffs" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReviewSignOffs" PRIMARY KEY AUTOINCREMENT,
    "ArticleId" INTEGER NOT NULL,
    "ArticleVersion" INTEGER NOT NULL,
    "ContentFingerprint" TEXT NOT NULL,
    "ReviewerName" TEXT NOT NULL,
    "ReviewerAccount" TEXT NOT NULL,
    "ReviewedOn" TEXT NOT NULL,
    "NextReviewDue" TEXT NOT NULL,
    "SignedAt" TEXT NOT NULL,
    CONSTRAINT "FK_ReviewSignOffs_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ReviewSignOffs_ArticleId_ContentFingerprint" ON "ReviewSignOffs" ("ArticleId", "ContentFingerprint");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130135631_ReviewSignOffs', '10.0.15');

CREATE TABLE "SynonymGroups" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SynonymGroups" PRIMARY KEY AUTOINCREMENT,
    "Phrases" TEXT NOT NULL
);

INSERT INTO "SynonymGroups" ("Phrases")
VALUES ('microbiome, microbiota, gut flora, gut bacteria, intestinal flora, gut microbes');
SELECT changes();

INSERT INTO "SynonymGroups" ("Phrases")
VALUES ('c section, cesarean, caesarean');
SELECT changes();

INSERT INTO "SynonymGroups" ("Phrases")
VALUES ('baby, babies, infant, infants, newborn, newborns');
SELECT changes();

INSERT INTO "SynonymGroups" ("Phrases")
VALUES ('inflammation, inflammatory, inflamed');
SELECT changes();

INSERT INTO "SynonymGroups" ("Phrases")
VALUES ('leaky gut, intestinal permeability');
SELECT changes();

INSERT INTO "SynonymGroups" ("Phrases")
VALUES ('gi tract, gastrointestinal tract, digestive tract');
SELECT changes();


CREATE VIRTUAL TABLE SearchWords USING fts5(
    Heading, Body, content='SearchEntries', content_rowid='Id', tokenize='unicode61 remove_diacritics 2', detail=none);

CREATE VIRTUAL TABLE SearchVocabulary USING fts5vocab(SearchWords, 'row');

CREATE TRIGGER SearchWords_AfterInsert AFTER INSERT ON SearchEntries BEGIN
    INSERT INTO SearchWords(rowid, Heading, Body) VALUES (new.Id, new.Heading, new.Body);
END;

CREATE TRIGGER SearchWords_AfterDelete AFTER DELETE ON SearchEntries BEGIN
    INSERT INTO SearchWords(SearchWords, rowid, Heading, Body) VALUES ('delete', old.Id, old.Heading, old.Body);
END;

CREATE TRIGGER SearchWords_AfterUpdate AFTER UPDATE ON SearchEntries BEGIN
    INSERT INTO SearchWords(SearchWords, rowid, Heading, Body) VALUES ('delete', old.Id, old.Heading, old.Body);
    INSERT INTO SearchWords(rowid, Heading, Body) VALUES (new.Id, new.Heading, new.Body);
END;

INSERT INTO SearchWords(SearchWords) VALUES ('rebuild');

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130135732_SearchSynonyms', '10.0.15');

CREATE TABLE "People" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_People" PRIMARY KEY AUTOINCREMENT,
    "Slug" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Credentials" TEXT NULL,
    "Role" TEXT NOT NULL,
    "Bio" TEXT NULL,
    "AccountId" TEXT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_People_AspNetUsers_AccountId" FOREIGN KEY ("AccountId") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL
);

CREATE TABLE "SitePages" (
    "Slug" TEXT NOT NULL CONSTRAINT "PK_SitePages" PRIMARY KEY,
    "Title" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "UpdatedBy" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_People_AccountId" ON "People" ("AccountId");

CREATE INDEX "IX_People_Name" ON "People" ("Name");

CREATE UNIQUE INDEX "IX_People_Slug" ON "People" ("Slug");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130135753_PeopleAndSitePages', '10.0.15');

CREATE TABLE "ReviewComments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReviewComments" PRIMARY KEY AUTOINCREMENT,
    "ArticleId" INTEGER NOT NULL,
    "ThreadId" INTEGER NULL,
    "ItemKind" TEXT NOT NULL,
    "ItemId" INTEGER NULL,
    "ItemLabel" TEXT NOT NULL,
    "ItemFingerprint" TEXT NOT NULL,
    "ArticleVersion" INTEGER NOT NULL,
    "Author" TEXT NOT NULL,
    "AuthorName" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ResolvedAt" TEXT NULL,
    "ResolvedBy" TEXT NULL,
    CONSTRAINT "FK_ReviewComments_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ReviewComments_ReviewComments_ThreadId" FOREIGN KEY ("ThreadId") REFERENCES "ReviewComments" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ReviewComments_ArticleId_ThreadId" ON "ReviewComments" ("ArticleId", "ThreadId");

CREATE INDEX "IX_ReviewComments_ThreadId" ON "ReviewComments" ("ThreadId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130170309_ReviewComments', '10.0.15');

ALTER TABLE "ReaderEditions" ADD "MediaIds" TEXT NOT NULL DEFAULT '';

ALTER TABLE "Articles" ADD "HeroMediaId" INTEGER NULL;

CREATE TABLE "MediaImages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MediaImages" PRIMARY KEY AUTOINCREMENT,
    "Fingerprint" TEXT NOT NULL,
    "Format" TEXT NOT NULL,
    "Width" INTEGER NOT NULL,
    "Height" INTEGER NOT NULL,
    "ByteSize" INTEGER NOT NULL,
    "FileName" TEXT NOT NULL,
    "AltText" TEXT NULL,
    "Caption" TEXT NULL,
    "Credit" TEXT NULL,
    "Licence" TEXT NULL,
    "FocalX" INTEGER NOT NULL,
    "FocalY" INTEGER NOT NULL,
    "UploadedAt" TEXT NOT NULL,
    "UploadedBy" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE INDEX "IX_Articles_HeroMediaId" ON "Articles" ("HeroMediaId");

CREATE INDEX "IX_MediaImages_Fingerprint" ON "MediaImages" ("Fingerprint");

CREATE INDEX "IX_MediaImages_UploadedAt" ON "MediaImages" ("UploadedAt");

CREATE TABLE "ef_temp_Articles" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Articles" PRIMARY KEY AUTOINCREMENT,
    "AuthorCredentials" TEXT NULL,
    "AuthorName" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "Disclaimer" TEXT NULL,
    "HeroImageAlt" TEXT NULL,
    "HeroImageCaption" TEXT NULL,
    "HeroImageUrl" TEXT NULL,
    "HeroMediaId" INTEGER NULL,
    "LastReviewedOn" TEXT NULL,
    "NextReviewDue" TEXT NULL,
    "PublishedAt" TEXT NULL,
    "ReviewOverrideReason" TEXT NULL,
    "ReviewedBy" TEXT NULL,
    "Slug" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_Articles_MediaImages_HeroMediaId" FOREIGN KEY ("HeroMediaId") REFERENCES "MediaImages" ("Id") ON DELETE RESTRICT
);

INSERT INTO "ef_temp_Articles" ("Id", "AuthorCredentials", "AuthorName", "CreatedAt", "Disclaimer", "HeroImageAlt", "HeroImageCaption", "HeroImageUrl", "HeroMediaId", "LastReviewedOn", "NextReviewDue", "PublishedAt", "ReviewOverrideReason", "ReviewedBy", "Slug", "Status", "Summary", "Title", "UpdatedAt", "Version")
SELECT "Id", "AuthorCredentials", "AuthorName", "CreatedAt", "Disclaimer", "HeroImageAlt", "HeroImageCaption", "HeroImageUrl", "HeroMediaId", "LastReviewedOn", "NextReviewDue", "PublishedAt", "ReviewOverrideReason", "ReviewedBy", "Slug", "Status", "Summary", "Title", "UpdatedAt", "Version"
FROM "Articles";

PRAGMA foreign_keys = 0;

DROP TABLE "Articles";

ALTER TABLE "ef_temp_Articles" RENAME TO "Articles";

PRAGMA foreign_keys = 1;

CREATE INDEX "IX_Articles_HeroMediaId" ON "Articles" ("HeroMediaId");

CREATE UNIQUE INDEX "IX_Articles_Slug" ON "Articles" ("Slug");

CREATE INDEX "IX_Articles_Status_PublishedAt" ON "Articles" ("Status", "PublishedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130170337_MediaLibrary', '10.0.15');

ALTER TABLE "ReviewSignOffs" ADD "ReviewLinkId" INTEGER NULL;

ALTER TABLE "ReviewSignOffs" ADD "ReviewerCredentials" TEXT NULL;

ALTER TABLE "ReaderEditions" ADD "ChangeNotes" TEXT NOT NULL DEFAULT '[]';

CREATE TABLE "ChangeNotes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ChangeNotes" PRIMARY KEY AUTOINCREMENT,
    "ArticleId" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "Note" TEXT NOT NULL,
    "PublishedAt" TEXT NOT NULL,
    CONSTRAINT "FK_ChangeNotes_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ReviewLinks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReviewLinks" PRIMARY KEY AUTOINCREMENT,
    "ArticleId" INTEGER NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "ContentFingerprint" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "RevokedAt" TEXT NULL,
    "RevokedBy" TEXT NULL,
    "LastUsedAt" TEXT NULL,
    CONSTRAINT "FK_ReviewLinks_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_ReviewSignOffs_ReviewLinkId" ON "ReviewSignOffs" ("ReviewLinkId");

CREATE INDEX "IX_ChangeNotes_ArticleId" ON "ChangeNotes" ("ArticleId");

CREATE INDEX "IX_ReviewLinks_ArticleId" ON "ReviewLinks" ("ArticleId");

CREATE UNIQUE INDEX "IX_ReviewLinks_TokenHash" ON "ReviewLinks" ("TokenHash");

CREATE TABLE "ef_temp_ReviewSignOffs" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReviewSignOffs" PRIMARY KEY AUTOINCREMENT,
    "ArticleId" INTEGER NOT NULL,
    "ArticleVersion" INTEGER NOT NULL,
    "ContentFingerprint" TEXT NOT NULL,
    "NextReviewDue" TEXT NOT NULL,
    "ReviewLinkId" INTEGER NULL,
    "ReviewedOn" TEXT NOT NULL,
    "ReviewerAccount" TEXT NOT NULL,
    "ReviewerCredentials" TEXT NULL,
    "ReviewerName" TEXT NOT NULL,
    "SignedAt" TEXT NOT NULL,
    CONSTRAINT "FK_ReviewSignOffs_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ReviewSignOffs_ReviewLinks_ReviewLinkId" FOREIGN KEY ("ReviewLinkId") REFERENCES "ReviewLinks" ("Id") ON DELETE SET NULL
);

INSERT INTO "ef_temp_ReviewSignOffs" ("Id", "ArticleId", "ArticleVersion", "ContentFingerprint", "NextReviewDue", "ReviewLinkId", "ReviewedOn", "ReviewerAccount", "ReviewerCredentials", "ReviewerName", "SignedAt")
SELECT "Id", "ArticleId", "ArticleVersion", "ContentFingerprint", "NextReviewDue", "ReviewLinkId", "ReviewedOn", "ReviewerAccount", "ReviewerCredentials", "ReviewerName", "SignedAt"
FROM "ReviewSignOffs";

PRAGMA foreign_keys = 0;

DROP TABLE "ReviewSignOffs";

ALTER TABLE "ef_temp_ReviewSignOffs" RENAME TO "ReviewSignOffs";

PRAGMA foreign_keys = 1;

CREATE INDEX "IX_ReviewSignOffs_ArticleId_ContentFingerprint" ON "ReviewSignOffs" ("ArticleId", "ContentFingerprint");

CREATE INDEX "IX_ReviewSignOffs_ReviewLinkId" ON "ReviewSignOffs" ("ReviewLinkId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130170622_ReviewLinksAndChangeNotes', '10.0.15');

CREATE TABLE "ApiKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApiKeys" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Start" TEXT NOT NULL,
    "Hash" BLOB NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "RevokedAt" TEXT NULL,
    "LastUsedAt" TEXT NULL,
    "RequestCount" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_ApiKeys_Hash" ON "ApiKeys" ("Hash");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130172146_ContentApi', '10.0.15');

ALTER TABLE "Citations" ADD "AuthorNames" TEXT NOT NULL DEFAULT '[]';

ALTER TABLE "Citations" ADD "AuthorsEtAl" INTEGER NOT NULL DEFAULT 0;

UPDATE "Citations" SET
    "AuthorNames" = (
        SELECT json_group_array(part) FROM (
            SELECT trim(value, ' ' || char(9) || char(10) || char(13)) AS part FROM json_each('["' || replace(replace(replace(replace(replace(replace("Authors", '\', '\\'), '"', '\"'), char(9), '\t'), char(10), '\n'), char(13), '\r'), ',', '","') || '"]') ORDER BY key)
        WHERE part <> '' AND lower(part) NOT IN ('et al.', 'et al')),
    "AuthorsEtAl" = EXISTS (
        SELECT 1 FROM json_each('["' || replace(replace(replace(replace(replace(replace("Authors", '\', '\\'), '"', '\"'), char(9), '\t'), char(10), '\n'), char(13), '\r'), ',', '","') || '"]')
        WHERE lower(trim(value, ' ' || char(9) || char(10) || char(13))) IN ('et al.', 'et al'));

CREATE TABLE "LinkChecks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LinkChecks" PRIMARY KEY AUTOINCREMENT,
    "Address" TEXT NOT NULL,
    "StatusCode" INTEGER NULL,
    "FinalAddress" TEXT NULL,
    "Redirects" TEXT NOT NULL,
    "CheckedAt" TEXT NOT NULL,
    "Error" TEXT NULL
);

CREATE UNIQUE INDEX "IX_LinkChecks_Address" ON "LinkChecks" ("Address");

CREATE TABLE "ef_temp_Citations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Citations" PRIMARY KEY AUTOINCREMENT,
    "AccessedOn" TEXT NULL,
    "ArticleId" INTEGER NOT NULL,
    "AuthorNames" TEXT NOT NULL,
    "AuthorsEtAl" INTEGER NOT NULL,
    "DateDetail" TEXT NULL,
    "Doi" TEXT NULL,
    "Issue" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "Pages" TEXT NULL,
    "Pmid" TEXT NULL,
    "Source" TEXT NULL,
    "Title" TEXT NOT NULL,
    "Url" TEXT NULL,
    "Volume" TEXT NULL,
    "Year" INTEGER NULL,
    CONSTRAINT "FK_Citations_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE
);

INSERT INTO "ef_temp_Citations" ("Id", "AccessedOn", "ArticleId", "AuthorNames", "AuthorsEtAl", "DateDetail", "Doi", "Issue", "Kind", "Number", "Pages", "Pmid", "Source", "Title", "Url", "Volume", "Year")
SELECT "Id", "AccessedOn", "ArticleId", "AuthorNames", "AuthorsEtAl", "DateDetail", "Doi", "Issue", "Kind", "Number", "Pages", "Pmid", "Source", "Title", "Url", "Volume", "Year"
FROM "Citations";

PRAGMA foreign_keys = 0;

DROP TABLE "Citations";

ALTER TABLE "ef_temp_Citations" RENAME TO "Citations";

PRAGMA foreign_keys = 1;

CREATE INDEX "IX_Citations_ArticleId_Number" ON "Citations" ("ArticleId", "Number");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130195503_ReferenceAuthorsAndLinkChecks', '10.0.15');

CREATE TABLE "WebhookEndpoints" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WebhookEndpoints" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Url" TEXT NOT NULL,
    "ProtectedSecret" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "RevokedAt" TEXT NULL
);

CREATE TABLE "WebhookDeliveries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WebhookDeliveries" PRIMARY KEY AUTOINCREMENT,
    "EndpointId" INTEGER NOT NULL,
    "EventId" TEXT NOT NULL,
    "EventType" TEXT NOT NULL,
    "ArticleId" INTEGER NOT NULL,
    "Payload" TEXT NOT NULL,
    "OccurredAt" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" TEXT NULL,
    "ClaimedUntil" TEXT NULL,
    "LastAttemptAt" TEXT NULL,
    "LastStatusCode" INTEGER NULL,
    "LastError" TEXT NULL,
    "DeliveredAt" TEXT NULL,
    "FailedAt" TEXT NULL,
    CONSTRAINT "FK_WebhookDeliveries_WebhookEndpoints_EndpointId" FOREIGN KEY ("EndpointId") REFERENCES "WebhookEndpoints" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_WebhookDeliveries_ArticleId" ON "WebhookDeliveries" ("ArticleId");

CREATE INDEX "IX_WebhookDeliveries_EndpointId_Id" ON "WebhookDeliveries" ("EndpointId", "Id");

CREATE INDEX "IX_WebhookDeliveries_NextAttemptAt" ON "WebhookDeliveries" ("NextAttemptAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130195552_Webhooks', '10.0.15');

ALTER TABLE "ReaderEditions" ADD "HeroMediaId" INTEGER NULL;

ALTER TABLE "People" ADD "PhotoMediaId" INTEGER NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130195854_PersonPhoto', '10.0.15');

ALTER TABLE "Citations" ADD "Evidence" TEXT NOT NULL DEFAULT 'NotClassified';

ALTER TABLE "Articles" ADD "NoCitationNeeded" TEXT NOT NULL DEFAULT '[]';

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130201248_ContentChecks', '10.0.15');

CREATE TABLE "PendingChanges" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PendingChanges" PRIMARY KEY AUTOINCREMENT,
    "ArticleId" INTEGER NOT NULL,
    "EditorId" TEXT NOT NULL,
    "BaseVersion" INTEGER NOT NULL,
    "FormJson" TEXT NOT NULL,
    "SavedAt" TEXT NOT NULL,
    CONSTRAINT "FK_PendingChanges_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_PendingChanges_ArticleId_EditorId" ON "PendingChanges" ("ArticleId", "EditorId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130201324_PendingChanges', '10.0.15');

ALTER TABLE "MediaImages" ADD "UploadHash" TEXT NULL;

CREATE UNIQUE INDEX "IX_MediaImages_UploadHash" ON "MediaImages" ("UploadHash");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202034005_MediaUploadHash', '10.0.15');

ALTER TABLE "Revisions" ADD "ReferenceIds" TEXT NULL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202094843_RevisionReferenceIds', '10.0.15');

CREATE TABLE "PublishedSectionSlugs" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PublishedSectionSlugs" PRIMARY KEY AUTOINCREMENT,
    "ArticleId" INTEGER NOT NULL,
    "SectionId" INTEGER NOT NULL,
    "Slug" TEXT NOT NULL,
    CONSTRAINT "FK_PublishedSectionSlugs_Articles_ArticleId" FOREIGN KEY ("ArticleId") REFERENCES "Articles" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_PublishedSectionSlugs_ArticleId_Slug" ON "PublishedSectionSlugs" ("ArticleId", "Slug");

INSERT INTO "PublishedSectionSlugs" ("ArticleId", "SectionId", "Slug")
SELECT s."ArticleId", s."Id", s."Slug" FROM "Sections" AS s
JOIN "ReaderEditions" AS e ON e."ArticleId" = s."ArticleId"
WHERE instr(char(10) || e."SectionSlugs" || char(10), char(10) || s."Slug" || char(10)) > 0;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202171612_PublishedSectionSlugs', '10.0.15');

