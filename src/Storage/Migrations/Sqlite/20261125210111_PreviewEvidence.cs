using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveWatch.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PreviewEvidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<byte[]>(
                name: "Thumbnail",
                table: "Evidence",
                type: "BLOB",
                nullable: true,
                oldClrType: typeof(byte[]),
                oldType: "BLOB");

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Evidence",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                // Hand-edited: every row stored before this migration is a matched frame.
                defaultValue: "Match");

            migrationBuilder.AddColumn<long>(
                name: "PreviewSequence",
                table: "Evidence",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "StreamSeconds",
                table: "Evidence",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Evidence_IncidentId_PreviewSequence",
                table: "Evidence",
                columns: new[] { "IncidentId", "PreviewSequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Evidence_IncidentId_PreviewSequence",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "PreviewSequence",
                table: "Evidence");

            migrationBuilder.DropColumn(
                name: "StreamSeconds",
                table: "Evidence");

            migrationBuilder.AlterColumn<byte[]>(
                name: "Thumbnail",
                table: "Evidence",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0],
                oldClrType: typeof(byte[]),
                oldType: "BLOB",
                oldNullable: true);
        }
    }
}
