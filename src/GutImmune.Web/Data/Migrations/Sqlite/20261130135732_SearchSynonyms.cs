using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GutImmune.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchSynonyms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SynonymGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Phrases = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SynonymGroups", x => x.Id);
                });

            // A starting synonym list, which editors change in the admin (Search synonyms).
            migrationBuilder.InsertData(
                table: "SynonymGroups",
                column: "Phrases",
                values: new object[]
                {
                    "microbiome, microbiota, gut flora, gut bacteria, intestinal flora, gut microbes",
                    "c section, cesarean, caesarean",
                    "baby, babies, infant, infants, newborn, newborns",
                    "inflammation, inflammatory, inflamed",
                    "leaky gut, intestinal permeability",
                    "gi tract, gastrointestinal tract, digestive tract",
                });

            // "Did you mean" reads the words as written: an unstemmed FTS5 index over the same entries (detail=none keeps
            // only which entries hold a word), whose vocabulary the fts5vocab table SearchVocabulary lists.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE SearchWords USING fts5(
                    Heading, Body, content='SearchEntries', content_rowid='Id', tokenize='unicode61 remove_diacritics 2', detail=none);
                """);
            migrationBuilder.Sql("CREATE VIRTUAL TABLE SearchVocabulary USING fts5vocab(SearchWords, 'row');");
            migrationBuilder.Sql("""
                CREATE TRIGGER SearchWords_AfterInsert AFTER INSERT ON SearchEntries BEGIN
                    INSERT INTO SearchWords(rowid, Heading, Body) VALUES (new.Id, new.Heading, new.Body);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER SearchWords_AfterDelete AFTER DELETE ON SearchEntries BEGIN
                    INSERT INTO SearchWords(SearchWords, rowid, Heading, Body) VALUES ('delete', old.Id, old.Heading, old.Body);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER SearchWords_AfterUpdate AFTER UPDATE ON SearchEntries BEGIN
                    INSERT INTO SearchWords(SearchWords, rowid, Heading, Body) VALUES ('delete', old.Id, old.Heading, old.Body);
                    INSERT INTO SearchWords(rowid, Heading, Body) VALUES (new.Id, new.Heading, new.Body);
                END;
                """);
            migrationBuilder.Sql("INSERT INTO SearchWords(SearchWords) VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER SearchWords_AfterUpdate;");
            migrationBuilder.Sql("DROP TRIGGER SearchWords_AfterDelete;");
            migrationBuilder.Sql("DROP TRIGGER SearchWords_AfterInsert;");
            migrationBuilder.Sql("DROP TABLE SearchVocabulary;");
            migrationBuilder.Sql("DROP TABLE SearchWords;");
            migrationBuilder.DropTable(
                name: "SynonymGroups");
        }
    }
}
