using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GutImmune.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SearchEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    SectionSlug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Anchor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Heading = table.Column<string>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SearchEntries_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_ArticleId",
                table: "SearchEntries",
                column: "ArticleId");

            // FTS5 has no EF Core mapping: an external-content index over SearchEntries, kept in step by triggers.
            // Porter stemming lets "antibiotic" find "antibiotics".
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE SearchIndex USING fts5(
                    Heading, Body, content='SearchEntries', content_rowid='Id', tokenize='porter unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER SearchEntries_AfterInsert AFTER INSERT ON SearchEntries BEGIN
                    INSERT INTO SearchIndex(rowid, Heading, Body) VALUES (new.Id, new.Heading, new.Body);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER SearchEntries_AfterDelete AFTER DELETE ON SearchEntries BEGIN
                    INSERT INTO SearchIndex(SearchIndex, rowid, Heading, Body) VALUES ('delete', old.Id, old.Heading, old.Body);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER SearchEntries_AfterUpdate AFTER UPDATE ON SearchEntries BEGIN
                    INSERT INTO SearchIndex(SearchIndex, rowid, Heading, Body) VALUES ('delete', old.Id, old.Heading, old.Body);
                    INSERT INTO SearchIndex(rowid, Heading, Body) VALUES (new.Id, new.Heading, new.Body);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER SearchEntries_AfterUpdate;");
            migrationBuilder.Sql("DROP TRIGGER SearchEntries_AfterDelete;");
            migrationBuilder.Sql("DROP TRIGGER SearchEntries_AfterInsert;");
            migrationBuilder.Sql("DROP TABLE SearchIndex;");
            migrationBuilder.DropTable(
                name: "SearchEntries");
        }
    }
}
