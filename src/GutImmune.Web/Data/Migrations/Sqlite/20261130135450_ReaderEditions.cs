using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GutImmune.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReaderEditions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReaderEditions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AuthorCredentials = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    HeroImageUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    HeroImageAlt = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    HeroImageCaption = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastReviewedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    NextReviewDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SectionSlugs = table.Column<string>(type: "TEXT", nullable: false),
                    RenderedPage = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Snapshot = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReaderEditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReaderEditions_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReaderEditionTopics",
                columns: table => new
                {
                    ReaderEditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    TopicsId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReaderEditionTopics", x => new { x.ReaderEditionId, x.TopicsId });
                    table.ForeignKey(
                        name: "FK_ReaderEditionTopics_ReaderEditions_ReaderEditionId",
                        column: x => x.ReaderEditionId,
                        principalTable: "ReaderEditions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReaderEditionTopics_Topics_TopicsId",
                        column: x => x.TopicsId,
                        principalTable: "Topics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReaderEditions_ArticleId",
                table: "ReaderEditions",
                column: "ArticleId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReaderEditions_PublishedAt",
                table: "ReaderEditions",
                column: "PublishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ReaderEditions_Slug",
                table: "ReaderEditions",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReaderEditionTopics_TopicsId",
                table: "ReaderEditionTopics",
                column: "TopicsId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReaderEditionTopics");

            migrationBuilder.DropTable(
                name: "ReaderEditions");
        }
    }
}
