"""summit themes, progress report and submissions; partner organisations and voices submissions

Revision ID: summit_0001
Revises: surveys_0001
Create Date: 2026-11-22 14:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'summit_0001'
down_revision = "surveys_0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('summits', schema=None) as batch_op:
        batch_op.add_column(sa.Column('themes', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('progress_report', sa.Text(), nullable=False, server_default=''))

    op.create_table('summit_submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=16), nullable=False),
    sa.Column('summit_id', sa.Integer(), nullable=False),
    sa.Column('respondent_type', sa.String(length=32), nullable=False),
    sa.Column('organisation', sa.String(length=200), nullable=True),
    sa.Column('parish', sa.String(length=120), nullable=True),
    sa.Column('district', sa.String(length=32), nullable=False),
    sa.Column('crimes', sa.JSON(), nullable=False),
    sa.Column('frequency', sa.String(length=16), nullable=True),
    sa.Column('reported', sa.Boolean(), nullable=True),
    sa.Column('not_reported_reason', sa.String(length=32), nullable=True),
    sa.Column('wants_to_speak', sa.Boolean(), nullable=False),
    sa.Column('contact_name', sa.String(length=120), nullable=True),
    sa.Column('contact_email', sa.String(length=254), nullable=True),
    sa.Column('response_id', sa.Integer(), nullable=True),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['response_id'], ['responses.id'], name=op.f('fk_summit_submissions_response_id_responses'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_summit_submissions_submitted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['summit_id'], ['summits.id'], name=op.f('fk_summit_submissions_summit_id_summits'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_summit_submissions')),
    sa.UniqueConstraint('reference', name=op.f('uq_summit_submissions_reference'))
    )
    with op.batch_alter_table('summit_submissions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_summit_submissions_district'), ['district'], unique=False)
        batch_op.create_index(batch_op.f('ix_summit_submissions_response_id'), ['response_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_summit_submissions_submitted_at'), ['submitted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_summit_submissions_submitted_by_id'), ['submitted_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_summit_submissions_summit_id'), ['summit_id'], unique=False)

    op.create_table('partner_organisations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('communities', sa.JSON(), nullable=False),
    sa.Column('website', sa.String(length=300), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_partner_organisations_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_partner_organisations_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_organisations')),
    sa.UniqueConstraint('user_id', name=op.f('uq_partner_organisations_user_id'))
    )
    with op.batch_alter_table('partner_organisations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_organisations_status'), ['status'], unique=False)

    op.create_table('voices_submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=16), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('community_group', sa.String(length=64), nullable=False),
    sa.Column('people_count', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('gathered_on', sa.Date(), nullable=False),
    sa.Column('district', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['partner_organisations.id'], name=op.f('fk_voices_submissions_organisation_id_partner_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_voices_submissions_submitted_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voices_submissions')),
    sa.UniqueConstraint('reference', name=op.f('uq_voices_submissions_reference'))
    )
    with op.batch_alter_table('voices_submissions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voices_submissions_community_group'), ['community_group'], unique=False)
        batch_op.create_index(batch_op.f('ix_voices_submissions_organisation_id'), ['organisation_id'], unique=False)


def downgrade():
    with op.batch_alter_table('voices_submissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voices_submissions_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_voices_submissions_community_group'))
    op.drop_table('voices_submissions')
    with op.batch_alter_table('partner_organisations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_organisations_status'))
    op.drop_table('partner_organisations')
    with op.batch_alter_table('summit_submissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_summit_submissions_summit_id'))
        batch_op.drop_index(batch_op.f('ix_summit_submissions_submitted_by_id'))
        batch_op.drop_index(batch_op.f('ix_summit_submissions_submitted_at'))
        batch_op.drop_index(batch_op.f('ix_summit_submissions_response_id'))
        batch_op.drop_index(batch_op.f('ix_summit_submissions_district'))
    op.drop_table('summit_submissions')
    with op.batch_alter_table('summits', schema=None) as batch_op:
        batch_op.drop_column('progress_report')
        batch_op.drop_column('themes')
